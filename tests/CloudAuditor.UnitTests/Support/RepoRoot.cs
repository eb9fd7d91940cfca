namespace CloudAuditor.UnitTests.Support;

public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CloudAuditor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CloudAuditor.sln not found above the test binaries.");
    }
}

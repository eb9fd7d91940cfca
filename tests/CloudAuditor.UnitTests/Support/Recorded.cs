namespace CloudAuditor.UnitTests.Support;

public static class Recorded
{
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", relativePath));
}

using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Deployment;

/// <summary>The conventions .editorconfig cannot enforce, held by a test.</summary>
public class SourceConventionsTests
{
    private const int MaxLineLength = 160;

    /// <summary>A literal with nothing to break at (a resource id, a token, a one-line document) may run past the limit.</summary>
    private const int UnbreakableRun = 80;

    private static readonly string[] Folders = ["src", "tests"];

    [Fact]
    public void Source_lines_stay_within_160_characters_unless_an_unbreakable_literal_makes_them_longer()
    {
        var files = Folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var tooLong = files
            .SelectMany(f => File.ReadLines(f).Select((line, index) => (File: Path.GetRelativePath(RepoRoot.Path, f), Line: index + 1, Text: line)))
            .Where(l => l.Text.Length > MaxLineLength && !l.Text.Split(' ', '\t').Any(run => run.Length >= UnbreakableRun))
            .Select(l => $"{l.File}:{l.Line} ({l.Text.Length} characters)")
            .ToList();
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }
}

using System.IO.Enumeration;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Extraction;

namespace CloudAuditor.SensitiveData;

/// <summary>scan-files: every file under a path, whole up to the size cap, with the same extractors and limits as cloud sampling.</summary>
public sealed class LocalFileScanner(ContentScanner scanner)
{
    public sealed record Summary(int Files, long Bytes, int WithFindings);

    public async Task<Summary> ScanAsync(string path, IFindingSink sink, int parallelism, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(path);
        var singleFile = File.Exists(root);
        if (!singleFile && !Directory.Exists(root)) throw new FileNotFoundException($"'{path}' is neither a file nor a folder.");
        var files = singleFile ? [root] : EnumerateFiles(root);
        int count = 0, withFindings = 0;
        long bytes = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (file, cancellationToken) =>
        {
            var relative = singleFile ? Path.GetFileName(file) : Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var resource = new ResourceRef(new Uri(file).AbsoluteUri, "file", Path.GetFileName(file));
            var findings = await ScanFileAsync(file, relative, resource, cancellationToken);
            Interlocked.Increment(ref count);
            Interlocked.Add(ref bytes, findings.Bytes);
            if (findings.Items.Any(f => f.Type == FindingType.SensitiveData)) Interlocked.Increment(ref withFindings);
            foreach (var finding in findings.Items) await sink.WriteAsync(finding, cancellationToken);
        });
        await sink.CompleteAsync(cancellationToken);
        return new Summary(count, bytes, withFindings);
    }

    private async Task<(List<Finding> Items, long Bytes)> ScanFileAsync(string file, string relative, ResourceRef resource, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
            var result = await scanner.ScanAsync(stream, relative, cancellationToken);
            return (SensitiveDataFindings.From(result, CloudKind.Local, resource, ContentChecks.LocalFile, relative).ToList(), result.BytesScanned);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([SensitiveDataFindings.Unscanned(CloudKind.Local, resource, ContentChecks.LocalFile, relative, $"the file could not be read ({e.GetType().Name})")], 0);
        }
    }

    /// <summary>Regular files only; symbolic links are not followed, so a link loop cannot trap the walk.</summary>
    private static IEnumerable<string> EnumerateFiles(string root) =>
        new FileSystemEnumerable<string>(root, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        })
        { ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory };
}

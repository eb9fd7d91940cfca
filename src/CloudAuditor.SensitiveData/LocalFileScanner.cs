using System.IO.Enumeration;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Extraction;

namespace CloudAuditor.SensitiveData;

/// <summary>scan-files: every file under a path, whole up to the size cap, with the same extractors and limits as cloud sampling.</summary>
public sealed class LocalFileScanner(ContentScanner scanner)
{
    /// <summary>The scan's counts and coverage (<see cref="Sweep"/>), and what a benchmark reports.</summary>
    public sealed record Summary(SweepSummary Sweep, int Files, long Bytes, int WithFindings);

    public async Task<Summary> ScanAsync(string path, IFindingSink sink, int parallelism, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(path);
        var singleFile = File.Exists(root);
        if (!singleFile && !Directory.Exists(root)) throw new FileNotFoundException($"'{path}' is neither a file nor a folder.");
        var files = singleFile ? [root] : EnumerateFiles(root);
        int count = 0, withFindings = 0;
        long bytes = 0;
        var coverage = new CoverageLedger();
        var sweep = new SweepSummary { Targets = 1 };
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (file, cancellationToken) =>
        {
            var relative = singleFile ? Path.GetFileName(file) : Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var resource = new ResourceRef(new Uri(file).AbsoluteUri, "file", Path.GetFileName(file));
            var findings = await ScanFileAsync(file, relative, resource, cancellationToken);
            Interlocked.Increment(ref count);
            Interlocked.Add(ref bytes, findings.Bytes);
            coverage.Record(CoverageKinds.File, findings.State, relative, findings.Fault);
            if (findings.Items.Any(f => f.Type == FindingType.SensitiveData)) Interlocked.Increment(ref withFindings);
            foreach (var finding in findings.Items)
            {
                sweep.Findings.Add(finding);
                await sink.WriteAsync(finding, cancellationToken);
            }
        });
        sweep.Coverage = coverage.Report();
        await sink.CompleteAsync(sweep, cancellationToken);
        return new Summary(sweep, count, bytes, withFindings);
    }

    private async Task<(List<Finding> Items, long Bytes, AuditState State, Fault? Fault)> ScanFileAsync(string file, string relative, ResourceRef resource, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
            var result = await scanner.ScanAsync(stream, relative, cancellationToken);
            var cut = result.Issues.FirstOrDefault(i => i.Kind != ScanIssueKind.Skipped);
            return (SensitiveDataFindings.From(result, CloudKind.Local, resource, ContentChecks.LocalFile, relative).ToList(), result.BytesScanned,
                cut is null ? AuditState.Audited : AuditState.Partial, cut is null ? null : new Fault(FaultKind.Limit, cut.Reason));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var fault = new Fault(e is UnauthorizedAccessException ? FaultKind.AccessDenied : FaultKind.Unexpected,
                e is UnauthorizedAccessException ? "permission denied" : "the file could not be read");
            return ([SensitiveDataFindings.Unscanned(CloudKind.Local, resource, ContentChecks.LocalFile, relative, fault.Reason)], 0, AuditState.NotAudited, fault);
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

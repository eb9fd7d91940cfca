using System.Threading.Channels;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.LocalFiles;

namespace CloudAuditor.SensitiveData;

/// <summary>
/// scan-files: every regular file under a path, whole up to the size cap, with the same extractors and limits as cloud
/// sampling. Whatever is not read is reported: special files, folders that cannot be listed, files that cannot be opened.
/// </summary>
public sealed class LocalFileScanner(ContentScanner scanner)
{
    /// <summary>The scan's counts and coverage (<see cref="Sweep"/>), and what a benchmark reports.</summary>
    public sealed record Summary(SweepSummary Sweep, int Files, long Bytes, int WithFindings);

    public async Task<Summary> ScanAsync(string path, IFindingSink sink, int parallelism, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(path);
        var singleFile = File.Exists(root);
        if (!singleFile && !Directory.Exists(root)) throw new FileNotFoundException($"'{path}' is neither a file nor a folder.");
        int count = 0, withFindings = 0;
        long bytes = 0;
        var coverage = new CoverageLedger();
        var sweep = new SweepSummary { Targets = 1 };
        var items = Channel.CreateBounded<WalkItem>(new BoundedChannelOptions(Math.Max(4, parallelism * 4)) { SingleWriter = true });
        var walk = Task.Run(() => FolderWalk.RunAsync(root, items.Writer, cancellationToken), cancellationToken);
        await Parallel.ForEachAsync(items.Reader.ReadAllAsync(cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = parallelism,
            CancellationToken = cancellationToken }, async (item, cancellationToken) =>
        {
            var relative = singleFile ? Path.GetFileName(item.Path) : Path.GetRelativePath(root, item.Path).Replace(Path.DirectorySeparatorChar, '/');
            var resource = new ResourceRef(new Uri(item.Path).AbsoluteUri, item.IsFolder ? "folder" : "file", Path.GetFileName(item.Path));
            var scanned = await ScanItemAsync(item, relative, resource, cancellationToken);
            Interlocked.Add(ref bytes, scanned.Bytes);
            if (!item.IsFolder) Interlocked.Increment(ref count);
            coverage.Record(item.IsFolder ? CoverageKinds.Folder : CoverageKinds.File, scanned.State, relative, scanned.Fault);
            if (scanned.Items.Any(f => f.Type == FindingType.SensitiveData)) Interlocked.Increment(ref withFindings);
            foreach (var finding in scanned.Items)
            {
                sweep.Findings.Add(finding);
                await sink.WriteAsync(finding, cancellationToken);
            }
        });
        await walk;
        sweep.Coverage = coverage.Report();
        await sink.CompleteAsync(sweep, cancellationToken);
        return new Summary(sweep, count, bytes, withFindings);
    }

    private async Task<(List<Finding> Items, long Bytes, AuditState State, Fault? Fault)> ScanItemAsync(WalkItem item, string relative, ResourceRef resource,
        CancellationToken cancellationToken)
    {
        if (item.NotRead is { } reason)
        {
            // A special file holds nothing to read (a documented cut); a folder that cannot be listed hides files (a gap).
            var fault = item.IsFolder ? new Fault(FaultKind.AccessDenied, reason) : new Fault(FaultKind.Limit, reason);
            return ([SensitiveDataFindings.Unscanned(CloudKind.Local, resource, ContentChecks.LocalFile, relative, reason)], 0, AuditState.NotAudited, fault);
        }
        if (item.Length == 0) return ([], 0, AuditState.Audited, null);
        try
        {
            await using var stream = new FileStream(item.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = await scanner.ScanAsync(stream, relative, cancellationToken);
            var cut = result.Issues.FirstOrDefault(i => i.Kind != ScanIssueKind.Skipped);
            return (SensitiveDataFindings.From(result, CloudKind.Local, resource, ContentChecks.LocalFile, relative).ToList(), result.BytesScanned,
                cut is null ? AuditState.Audited : AuditState.Partial, cut is null ? null : new Fault(FaultKind.Limit, cut.Reason));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var fault = new Fault(e is UnauthorizedAccessException ? FaultKind.AccessDenied : FaultKind.Unexpected,
                e is UnauthorizedAccessException ? "permission denied" : "the file could not be read");
            return ([SensitiveDataFindings.Unscanned(CloudKind.Local, resource, ContentChecks.LocalFile, relative, fault.Reason)], 0, AuditState.NotAudited,
                fault);
        }
    }
}

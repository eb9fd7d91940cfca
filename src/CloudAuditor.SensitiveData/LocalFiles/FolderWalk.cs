using System.IO.Enumeration;
using System.Threading.Channels;

namespace CloudAuditor.SensitiveData.LocalFiles;

/// <summary>
/// Walks a folder tree depth first into a bounded channel: regular files to scan, and every entry that will not be
/// read with its reason (a FIFO, socket or device; a folder that could not be listed). Symbolic links are not
/// followed, so a link loop cannot trap the walk.
/// </summary>
internal static class FolderWalk
{
    public static async Task RunAsync(string root, ChannelWriter<WalkItem> items, CancellationToken cancellationToken)
    {
        try
        {
            if (System.IO.File.Exists(root))
            {
                await items.WriteAsync(Entry(root, new FileInfo(root).Length), cancellationToken);
                return;
            }
            var folders = new Stack<string>([root]);
            while (folders.TryPop(out var folder))
            {
                List<(string Path, long Length, bool IsFolder)> entries;
                try
                {
                    entries = [.. Entries(folder)];
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    await items.WriteAsync(new WalkItem(folder, 0, e is UnauthorizedAccessException ? "the folder could not be listed (permission denied)"
                        : "the folder could not be listed (read error)", IsFolder: true), cancellationToken);
                    continue;
                }
                foreach (var entry in entries.Where(e => e.IsFolder).Reverse()) folders.Push(entry.Path);
                foreach (var entry in entries.Where(e => !e.IsFolder)) await items.WriteAsync(Entry(entry.Path, entry.Length), cancellationToken);
            }
        }
        finally
        {
            items.Complete();
        }
    }

    /// <summary>A regular file, or (only an empty-looking entry can be one) a special file that must not be opened.</summary>
    private static WalkItem Entry(string path, long length) =>
        length == 0 && FileKind.SpecialKind(path) is { } special ? new WalkItem(path, 0, $"not a regular file ({special}), so not opened")
            : new WalkItem(path, length);

    private static FileSystemEnumerable<(string, long, bool)> Entries(string folder) =>
        new(folder, (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.IsDirectory ? 0 : entry.Length, entry.IsDirectory), new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = FileAttributes.ReparsePoint,
        });
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CloudAuditor.SensitiveData.LocalFiles;

/// <summary>What a directory entry is, from statx(2): only regular files are opened (opening a FIFO blocks until someone writes to it).</summary>
internal static partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    /// <summary>"a FIFO", "a socket", "a character device", "a block device"; null for a regular file (or when the kind cannot be told).</summary>
    public static string? SpecialKind(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000) switch
        {
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}

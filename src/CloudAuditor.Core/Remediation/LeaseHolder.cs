using System.Globalization;

namespace CloudAuditor.Core.Remediation;

/// <summary>
/// Who holds an enforce lease: machine/boot/pid-namespace/pid/nonce. The name lets a waiting run tell a holder that was a
/// process of this very machine boot and PID namespace which no longer runs (killed, crashed: its lease would otherwise
/// block enforcement until it expires) from every other holder, which is waited out: another machine or container,
/// an older name without these parts, a system without /proc, or a pid that runs again (possibly reused: waiting is safe).
/// </summary>
public static class LeaseHolder
{
    private static readonly Lazy<string?> Boot = new(() => Read("/proc/sys/kernel/random/boot_id"));
    private static readonly Lazy<string?> PidNamespace = new(() => Link("/proc/self/ns/pid"));

    /// <summary>A new holder name for this process.</summary>
    public static string New() =>
        string.Join('/', Environment.MachineName, Boot.Value ?? "-", PidNamespace.Value ?? "-", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("N"));

    /// <summary>True only when the holder was a process of this machine, boot and PID namespace that no longer runs.</summary>
    public static bool IsGoneFromHere(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 5 || Boot.Value is not { } boot || PidNamespace.Value is not { } pidNamespace) return false;
        if (parts[0] != Environment.MachineName || parts[1] != boot || parts[2] != pidNamespace) return false;
        return int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId
            && !Directory.Exists($"/proc/{pid}");
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is { Length: > 0 } target ? target.Replace('/', '_') : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

namespace CloudAuditor.SensitiveData.LocalFiles;

/// <summary>What a walk of a folder yields: a regular file to scan, or something that will not be read, and why.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Length">Bytes of a regular file.</param>
/// <param name="NotRead">Why it is not read (a special file, a folder that could not be listed); null for a file to scan.</param>
/// <param name="IsFolder">A folder that could not be listed.</param>
internal sealed record WalkItem(string Path, long Length, string? NotRead = null, bool IsFolder = false);

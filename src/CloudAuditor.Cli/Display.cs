using CloudAuditor.Core.Model;

namespace CloudAuditor.Cli;

internal static class Display
{
    public static string Status(FindingStatus status) => status.ToString().ToLowerInvariant();

    public static string Resource(Finding f)
    {
        var place = f.Resource.Bucket ?? (f.Resource.Account is { } a && f.Resource.Container is { } c ? $"{a}/{c}" : f.Resource.Name);
        return f.Object is null ? place : $"{place}/{f.Object}{(f.Member is null ? "" : $"!{f.Member}")}";
    }
}

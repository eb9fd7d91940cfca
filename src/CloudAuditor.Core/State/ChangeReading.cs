using CloudAuditor.Core.Engine;

namespace CloudAuditor.Core.State;

/// <summary>One reading of a change log: its window, and the changes of every container it saw any in.</summary>
public sealed record ChangeReading(ChangeWindow Window, IReadOnlyDictionary<string, ChangedObjects> Containers)
{
    public static ChangeReading NotUsed(string reason) => new(ChangeWindow.NotUsed(reason), new Dictionary<string, ChangedObjects>());
}

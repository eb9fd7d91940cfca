using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Core.State;

/// <summary>
/// How the ledger stores shard results and notices (the findings' own JSON shape: masked values only, as output), and how
/// published change-log readings are stored.
/// </summary>
public static class LedgerJson
{
    public static string Of(ShardResult result) => JsonSerializer.Serialize(result, FindingJson.Options);

    public static string Of(Finding finding) => JsonSerializer.Serialize(finding, FindingJson.Options);

    public static ShardResult Result(string json) => JsonSerializer.Deserialize<ShardResult>(json, FindingJson.Options)!;

    public static Finding Finding(string json) => JsonSerializer.Deserialize<Finding>(json, FindingJson.Options)!;

    public static string Of(ChangeWindow window) => JsonSerializer.Serialize(window, FindingJson.Options);

    public static string Of(ChangedObjects changes) => JsonSerializer.Serialize(changes, FindingJson.Options);

    public static ChangeWindow Window(string json) => JsonSerializer.Deserialize<ChangeWindow>(json, FindingJson.Options)!;

    public static ChangedObjects Changes(string json) => JsonSerializer.Deserialize<ChangedObjects>(json, FindingJson.Options)!;
}

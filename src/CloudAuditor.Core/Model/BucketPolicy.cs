using System.Text.Json;
using CloudAuditor.Core.Policy;

namespace CloudAuditor.Core.Model;

/// <summary>An S3 bucket policy parsed from its JSON; keeps the raw text so remediation can rewrite it faithfully.</summary>
public sealed record BucketPolicy(string Json, IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>Each statement's reach and the reason that decided it, decided once when the policy is built.</summary>
    public PolicyVerdict Verdict { get; } = PublicPolicyEvaluator.Evaluate(Statements);

    public IEnumerable<PolicyStatement> PublicStatements => Verdict.Public.Select(v => v.Statement);

    /// <summary>
    /// The same policy without its public statements, every other statement and field kept as written.
    /// Null when nothing would remain: S3 refuses an empty policy, and deleting the whole policy is not a fix to make.
    /// </summary>
    public string? WithoutPublicStatements()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(Json)!.AsObject();
        var verdicts = Verdict.Statements;
        bool IsPublic(int index) => verdicts[index].Reach == PolicyReach.Public;
        var kept = root["Statement"] is System.Text.Json.Nodes.JsonArray array
            ? array.Where((_, i) => !IsPublic(i)).Select(n => n!.DeepClone()).ToList()
            : IsPublic(0) ? [] : [root["Statement"]!.DeepClone()];
        if (kept.Count == 0) return null;
        root["Statement"] = new System.Text.Json.Nodes.JsonArray([.. kept]);
        return root.ToJsonString();
    }

    /// <exception cref="FormatException">The text is not a policy document.</exception>
    public static BucketPolicy Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("Statement", out var statementElement))
                throw new FormatException("The bucket policy has no Statement.");
            var statements = EnumerateOneOrMany(statementElement).Select(ParseStatement).ToList();
            return new BucketPolicy(json, statements);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The bucket policy is not valid JSON (line {e.LineNumber}).", e);
        }
    }

    private static PolicyStatement ParseStatement(JsonElement element)
    {
        var effect = element.TryGetProperty("Effect", out var e) ? e.GetString() : null;
        var usesNotPrincipal = element.TryGetProperty("NotPrincipal", out _);
        var principals = element.TryGetProperty("Principal", out var p) ? ParsePrincipals(p) : [];
        var conditions = element.TryGetProperty("Condition", out var c) ? ParseConditions(c) : [];
        var sid = element.TryGetProperty("Sid", out var s) ? s.GetString() : null;
        return new PolicyStatement(sid, string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase),
            principals, usesNotPrincipal, Listed(element, "Action"), conditions)
        {
            NotActions = Listed(element, "NotAction"),
            Resources = Listed(element, "Resource"),
            NotResources = Listed(element, "NotResource"),
        };
    }

    /// <summary>"*" and {"AWS": "*"} both mean everyone; other principals keep their values (ARNs, account ids, services).</summary>
    private static List<string> ParsePrincipals(JsonElement principal) =>
        principal.ValueKind == JsonValueKind.String
            ? [principal.GetString()!]
            : principal.ValueKind == JsonValueKind.Object
                ? principal.EnumerateObject().SelectMany(kind => Strings(kind.Value)).ToList()
                : [];

    private static List<PolicyCondition> ParseConditions(JsonElement conditions)
    {
        if (conditions.ValueKind != JsonValueKind.Object) return [];
        return conditions.EnumerateObject()
            .Where(op => op.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(op => op.Value.EnumerateObject().Select(key => new PolicyCondition(op.Name, key.Name, Strings(key.Value))))
            .ToList();
    }

    private static List<string> Listed(JsonElement statement, string name) => statement.TryGetProperty(name, out var value) ? Strings(value) : [];

    private static IEnumerable<JsonElement> EnumerateOneOrMany(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];

    private static List<string> Strings(JsonElement element) =>
        EnumerateOneOrMany(element).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
}

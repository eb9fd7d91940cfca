namespace CloudAuditor.Core.Config;

/// <summary>Retention required per data class, the class read from a tag or metadata on the container or bucket.</summary>
public sealed class RetentionSettings
{
    public string ClassLabel { get; set; } = "data-class";

    /// <summary>The class of resources without the label; none means they are reported but not judged.</summary>
    public string? DefaultClass { get; set; }

    public Dictionary<string, RetentionRequirement> Classes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Judge containers and buckets without a label by the class their sampled content is detected as ("secrets", "pii"),
    /// instead of the default class.
    /// </summary>
    public bool JudgeUnlabelledByContent { get; set; }
}

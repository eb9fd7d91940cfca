namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>A literal that every value of an anchored detector contains or follows: "@", "AKIA", "secret" (any case).</summary>
public readonly record struct Anchor(string Text, bool IgnoreCase = false)
{
    public StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static implicit operator Anchor(string text) => new(text);
}

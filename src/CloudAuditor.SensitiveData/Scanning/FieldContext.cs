namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Where text came from, so detectors can use it as context (a CSV column named "ssn", a JSON key "password").</summary>
public readonly record struct FieldContext(string? FieldName)
{
    public static readonly FieldContext None = new(null);

    public bool NameContains(params string[] words) =>
        FieldName is { } name && words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}

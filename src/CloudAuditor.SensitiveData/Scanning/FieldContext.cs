namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Where text came from, so detectors can use it as context (a CSV column named "ssn", a JSON key "password").</summary>
public readonly record struct FieldContext(string? FieldName)
{
    public static readonly FieldContext None = new(null);

    /// <summary>Any of the words at the start of a word of the field's name (see <see cref="ContextWord"/>).</summary>
    public bool NameContains(string[] words) => FieldName is { } name && ContextWord.AnyIn(name, words);
}

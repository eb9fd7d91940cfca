namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>One line of generated text and how many of each entity type it really contains.</summary>
public sealed record LabeledLine(string Text, IReadOnlyDictionary<string, int> Expected);

namespace CloudAuditor.Core.Model;

public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

namespace CloudAuditor.Functions;

public sealed record HttpTriggerRequest(string Method, string Body, IReadOnlyDictionary<string, string> Query);

namespace CloudAuditor.Functions;

public sealed class InvalidInvocationException(string message) : Exception(message);

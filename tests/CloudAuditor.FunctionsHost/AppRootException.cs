namespace CloudAuditor.FunctionsHost;

/// <summary>The app root or its settings cannot be run by this host; the message names the file and what to change.</summary>
public sealed class AppRootException(string message) : Exception(message);

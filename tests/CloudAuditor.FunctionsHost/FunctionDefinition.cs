namespace CloudAuditor.FunctionsHost;

/// <summary>A function of the app: its folder name, its trigger and its output bindings.</summary>
public sealed record FunctionDefinition(string Name, FunctionBinding Trigger, IReadOnlyList<FunctionBinding> Outputs);

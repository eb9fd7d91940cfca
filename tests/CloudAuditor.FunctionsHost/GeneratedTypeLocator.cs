using Microsoft.Azure.WebJobs;

namespace CloudAuditor.FunctionsHost;

/// <summary>Points the SDK's function indexer at the generated function types instead of scanning assemblies.</summary>
public sealed class GeneratedTypeLocator(IReadOnlyList<Type> types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}

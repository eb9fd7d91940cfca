using System.Reflection;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// The single source of finding ids: every check (found by reflection, so a new check is one new type and nothing else),
/// plus the ids of findings no check computes: audit gaps and the content findings of sampling.
/// </summary>
public sealed class CheckCatalog
{
    private readonly IReadOnlyList<ICheck> _checks;
    private readonly Dictionary<string, CheckDefinition> _definitions;

    public CheckCatalog(IEnumerable<ICheck> checks)
    {
        _checks = checks.OrderBy(c => c.Definition.Id, StringComparer.Ordinal).ToList();
        var definitions = _checks.Select(c => c.Definition)
            .Concat(AuditGapChecks.All)
            .Concat(ContentChecks.All.SelectMany(c => new[] { c.SensitiveData, c.Unscanned, c.Classification }.OfType<CheckDefinition>()))
            .ToList();
        var duplicate = definitions.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two checks share the id '{duplicate.Key}'.");
        _definitions = definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public static CheckCatalog Default { get; } = FromAssembly(typeof(CheckCatalog).Assembly);

    public static CheckCatalog FromAssembly(Assembly assembly) => new(
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ICheck).IsAssignableFrom(t))
            .Select(t => t.GetConstructor(Type.EmptyTypes) is null
                ? throw new InvalidOperationException($"{t.Name} needs a parameterless constructor: checks take what they need from the CheckContext.")
                : (ICheck)Activator.CreateInstance(t)!));

    /// <summary>The checks that judge subjects.</summary>
    public IReadOnlyList<ICheck> All => _checks;

    /// <summary>Every finding id the auditor can emit, with its title and meaning.</summary>
    public IEnumerable<CheckDefinition> Definitions => _definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal);

    public CheckDefinition? Find(string id) => _definitions.GetValueOrDefault(id);

    public IEnumerable<Finding> Evaluate(IAuditSubject subject, CheckContext context)
    {
        foreach (var check in _checks)
        {
            if (check.Evaluate(subject, context) is { } outcome)
                yield return FindingFactory.FromCheck(check.Definition, subject, outcome);
        }
    }
}

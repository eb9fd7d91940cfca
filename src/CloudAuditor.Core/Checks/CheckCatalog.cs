using System.Reflection;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>Every check the engine runs, found by reflection so that a new check is one new type and nothing else.</summary>
public sealed class CheckCatalog
{
    private readonly IReadOnlyList<ICheck> _checks;

    public CheckCatalog(IEnumerable<ICheck> checks)
    {
        _checks = checks.OrderBy(c => c.Definition.Id, StringComparer.Ordinal).ToList();
        var duplicate = _checks.GroupBy(c => c.Definition.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two checks share the id '{duplicate.Key}'.");
    }

    public static CheckCatalog Default { get; } = FromAssembly(typeof(CheckCatalog).Assembly);

    public static CheckCatalog FromAssembly(Assembly assembly) => new(
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ICheck).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ICheck)Activator.CreateInstance(t)!));

    public IReadOnlyList<ICheck> All => _checks;

    /// <summary>The catalogue plus the checks whose rules come from configuration (retention per data class).</summary>
    public CheckCatalog WithRetention(Config.RetentionSettings settings)
    {
        var judge = new Core.Retention.RetentionJudge(settings);
        return new CheckCatalog(_checks.Append(new Retention.AzureContainerRetentionCheck(judge)).Append(new Retention.S3BucketRetentionCheck(judge)));
    }

    public ICheck? Find(string id) => _checks.FirstOrDefault(c => c.Definition.Id == id);

    public IEnumerable<Finding> Evaluate(IAuditSubject subject)
    {
        foreach (var check in _checks)
        {
            if (check.Evaluate(subject) is { } outcome)
                yield return FindingFactory.FromCheck(check.Definition, subject, outcome);
        }
    }
}

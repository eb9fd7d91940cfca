using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// Judges a container by what its sampled objects held: how sensitive it is, which data class its content is, and whether that
/// matches the class it is labelled with. Called once per container after sampling.
/// </summary>
public interface IContentClassifier
{
    /// <returns>The container's classification finding; null when nothing was sampled.</returns>
    Finding? Classify(IAuditSubject container, ContentChecks checks, IReadOnlyList<SampledObject> sampled, CheckContext context);
}

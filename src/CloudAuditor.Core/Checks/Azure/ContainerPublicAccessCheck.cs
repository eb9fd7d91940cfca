using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>A container readable without credentials, judged by its access level, the account switch and the anonymous probe.</summary>
public sealed class ContainerPublicAccessCheck : Check<AzureContainer>
{
    public const string Id = "azure.container.public-access";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.High,
        "Blob container allows anonymous access",
        "Anyone on the internet can read blobs (and, at 'container' level, list them) without credentials.",
        "Set the container's public access level to None (az storage container set-permission --public-access off), " +
        "or disallow blob public access on the account.",
        ["CIS Microsoft Azure Foundations 2.1.0 3.7"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(AzureContainer container, CheckContext context)
    {
        var evidence = Evidence(("publicAccessLevel", container.AccessLevel.ToString().ToLowerInvariant()),
            ("allowBlobPublicAccess", container.Account.Settings.Value?.AllowBlobPublicAccess.ToString().ToLowerInvariant()));
        foreach (var (key, value) in container.Probe.AsEvidence()) evidence[key] = value;

        if (container.Probe.ProvedPublic)
            return CheckOutcome.Fail($"Proven public: {container.Probe.Summary}.", Severity.Critical, evidence);
        if (container.AccessLevel == ContainerAccessLevel.None)
            return CheckOutcome.Pass("Public access level is None.", evidence);
        if (container.Account.Settings.Value?.AllowBlobPublicAccess == false)
            return CheckOutcome.Pass($"Access level is '{Level(container)}' but the account disallows blob public access, so it has no effect.", evidence);
        if (container.Probe.Outcome == ProbeOutcome.Denied)
            return CheckOutcome.Fail($"Access level is '{Level(container)}'; an anonymous request was refused now ({container.Probe.Summary}), " +
                "likely by network rules, so the data becomes public if those rules change.", Severity.Medium, evidence);
        var severity = container.AccessLevel == ContainerAccessLevel.Container ? Severity.Critical : Severity.High;
        return CheckOutcome.Fail($"Access level is '{Level(container)}': anonymous clients can read blobs" +
            (container.AccessLevel == ContainerAccessLevel.Container ? " and list the container." : "."), severity, evidence);
    }

    private static string Level(AzureContainer container) => container.AccessLevel.ToString().ToLowerInvariant();
}

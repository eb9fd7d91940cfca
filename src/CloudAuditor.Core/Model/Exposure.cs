namespace CloudAuditor.Core.Model;

public static class Exposure
{
    /// <summary>Anyone could read this container's objects: proven by the probe, or configured so and not switched off at the account.</summary>
    public static bool IsPubliclyReadable(IAuditSubject subject) => subject switch
    {
        AzureContainer c => c.Probe.ProvedPublic
            || (c.AccessLevel != ContainerAccessLevel.None && c.Account.Settings.Value?.AllowBlobPublicAccess != false
                && c.Probe.Outcome != ProbeOutcome.Denied),
        S3Bucket b => b.Probe.ProvedPublic,
        _ => false,
    };
}

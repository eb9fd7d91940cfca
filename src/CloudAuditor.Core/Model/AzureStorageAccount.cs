namespace CloudAuditor.Core.Model;

public sealed record AzureStorageAccount(ResourceRef Resource, Observed<AzureAccountSettings> Settings, Observed<StaticWebsite> StaticWebsite) : IAuditSubject
{
    public CloudKind Cloud => CloudKind.Azure;
    public IReadOnlyDictionary<string, string> Labels => Settings.Value?.Tags ?? AzureAccountSettings.NoTags;

    public IEnumerable<IObservation> Observations =>
        Settings.Value is { } settings ? [Settings, StaticWebsite, settings.RoleAssignments, settings.GuestUsers] : [Settings, StaticWebsite];
}

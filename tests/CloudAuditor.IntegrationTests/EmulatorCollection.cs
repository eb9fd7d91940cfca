namespace CloudAuditor.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<Emulators>
{
    public const string Name = "emulators";
}

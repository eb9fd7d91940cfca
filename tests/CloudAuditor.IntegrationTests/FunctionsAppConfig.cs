namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The Functions app's configuration in the tests that run it: the Azurite account (or another way to it, such as a
/// fault proxy), one s3rver bucket, enforce mode for public containers, and state in Table storage under its own prefix.
/// </summary>
internal static class FunctionsAppConfig
{
    /// <returns>The path of the YAML file written into <paramref name="dir"/>.</returns>
    public static string Write(string dir, Emulators emulators, string bucket, string tablePrefix, string? azureConnection = null)
    {
        var path = Path.Combine(dir, $"cloudauditor-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            sweep:
              maxRetries: 1
              requestTimeoutSeconds: 5
            azure:
              - name: azurite
                connectionString: "{azureConnection ?? emulators.AzuriteConnectionString}"
            aws:
              - name: s3rver
                serviceUrl: {emulators.S3Url}
                forcePathStyle: true
                accessKeyId: S3RVER
                secretAccessKey: S3RVER
                buckets: [{bucket}]
            remediation:
              mode: enforce
              checks: [azure.container.public-access]
              maxChanges: 50
            state:
              tableConnectionString: "{emulators.AzuriteConnectionString}"
              tablePrefix: {tablePrefix}
            """);
        return path;
    }
}

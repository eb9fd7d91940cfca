namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The Functions app's configuration in the tests that run it: the Azurite account (or another way to it, such as a
/// fault proxy), one s3rver bucket, enforce mode for public containers, and state in Table storage under its own prefix.
/// </summary>
internal static class FunctionsAppConfig
{
    /// <param name="notify">An owner mailbox: every finding is theirs, and digests go to the emulators' maildev; content is not sampled,
    /// so every sweep sees every finding again (sampling is incremental: an unchanged object's findings are not seen again).</param>
    /// <returns>The path of the YAML file written into <paramref name="dir"/>.</returns>
    public static string Write(string dir, Emulators emulators, string bucket, string tablePrefix, string? azureConnection = null, string? notify = null)
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
            """ + (notify is null ? "" : $$"""

            sampling: { enabled: false }
            owners: { default: {{notify}} }
            notifications:
              email: { host: 127.0.0.1, port: {{emulators.SmtpPort}}, security: none, from: cloudauditor@contoso.example }
            """));
        return path;
    }
}

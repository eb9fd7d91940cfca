// Seeds the local emulators with a small, realistic estate for the README demo, and writes the sweep
// configuration that points at them. Usage: cloudauditor-demo-seed STATE_DIR (reads STATE_DIR/env from start.sh).
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: cloudauditor-demo-seed STATE_DIR");
    return 2;
}
var state = args[0];
var ports = File.ReadAllLines(Path.Combine(state, "env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

// Azurite's documented development key: public, identical on every machine, not a secret.
const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
var azurite = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};" +
    $"BlobEndpoint=http://127.0.0.1:{ports["AZURITE_BLOB_PORT"]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports["AZURITE_QUEUE_PORT"]}/devstoreaccount1;" +
    $"TableEndpoint=http://127.0.0.1:{ports["AZURITE_TABLE_PORT"]}/devstoreaccount1;";
var blobs = new BlobServiceClient(azurite);

async Task ContainerAsync(string name, PublicAccessType access, string owner, params (string Name, string Body)[] items)
{
    var container = blobs.GetBlobContainerClient(name);
    var metadata = new Dictionary<string, string> { ["owner"] = owner };
    // The website assets are public on purpose: an exemption with a reason and an expiry, as a team would set it.
    if (name == "public-web-assets") metadata["cloudauditor_exempt"] = "azure.container.public-access|2027-12-31|public website assets, reviewed by security";
    // Labelled "standard" by its team, but it holds customers' personal data: the content classification says so.
    if (name == "customer-exports") metadata["data_class"] = "standard";
    await container.CreateIfNotExistsAsync(access, metadata);
    foreach (var (blob, body) in items) await container.GetBlobClient(blob).UploadAsync(BinaryData.FromString(body), overwrite: true);
}

await ContainerAsync("public-web-assets", PublicAccessType.BlobContainer, "web-team@contoso.example",
    ("css/site.css", "body { font-family: sans-serif; }"), ("img/logo.txt", "CONTOSO"));
await ContainerAsync("customer-exports", PublicAccessType.Blob, "crm-team@contoso.example",
    ("2026-11/customers.csv", "name,email,ssn,card\nAda Lovelace,ada@example.com,536-22-8726,4111 1111 1111 1111\n"));
await ContainerAsync("finance-ledger", PublicAccessType.None, "finance@contoso.example",
    ("2026/ledger.csv", "date,account,amount\n2026-11-01,4000,1250.00\n"));

using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
    new AmazonS3Config { ServiceURL = $"http://127.0.0.1:{ports["S3_PORT"]}", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
async Task BucketAsync(string name, params (string Key, string Body)[] items)
{
    await s3.PutBucketAsync(name);
    foreach (var (key, body) in items)
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = key, ContentBody = body, UseChunkEncoding = false });
}
await BucketAsync("contoso-marketing-site", ("index.html", "<html><body>Contoso</body></html>"));
await s3.PutBucketWebsiteAsync(new PutBucketWebsiteRequest { BucketName = "contoso-marketing-site", WebsiteConfiguration = new WebsiteConfiguration { IndexDocumentSuffix = "index.html" } });
await BucketAsync("contoso-payroll-archive", ("2026/10/payroll.csv", "employee,iban\nE100,DE89 3704 0044 0532 0130 00\n"));

var config = Path.Combine(state, "cloudauditor.yaml");
await File.WriteAllTextAsync(config, $"""
    # Written by the demo seeder: the local emulators started by infra/emulators/start.sh.
    sweep:
      concurrency: 4
      maxRetries: 2
    azure:
      - name: azurite-demo
        connectionString: "{azurite}"
    remediation:
      # Enforce mode (--mode enforce) may fix only these checks, at most five changes per run.
      checks: [azure.container.public-access]
      maxChanges: 5
    owners:
      default: security@contoso.example
    notifications:
      windowHours: 24
      configPathHint: {Path.Combine(state, "cloudauditor.yaml")}
      email:
        host: 127.0.0.1
        port: {ports["SMTP_PORT"]}
        security: none
        from: cloudauditor@contoso.example
    state:
      sqlitePath: state.db
    retention:
      classLabel: data_class
      classes:
        standard:
          softDeleteDays: 7
        pii:
          maxRetentionDays: 365
          softDeleteDays: 30
    aws:
      - name: s3rver-demo
        serviceUrl: http://127.0.0.1:{ports["S3_PORT"]}
        forcePathStyle: true
        accessKeyId: S3RVER
        secretAccessKey: S3RVER
    """);
Console.Error.WriteLine($"Seeded 3 Azure containers and 2 S3 buckets; configuration in {config}");
return 0;

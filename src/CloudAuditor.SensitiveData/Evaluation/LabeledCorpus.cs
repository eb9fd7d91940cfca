using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>
/// A seeded, labelled corpus for accuracy and speed: positives in realistic phrasings, lookalikes that must not fire
/// (UUIDs, hashes, timestamps, versions, ZIP+4, order numbers, broken checksums) and PII-free log and prose filler.
/// </summary>
public sealed class LabeledCorpus(int seed)
{
    private readonly Random _random = new(seed);
    private ValueFactory V => new(_random);

    public IEnumerable<LabeledLine> Lines(int count, double piiShare)
    {
        for (var i = 0; i < count; i++)
        {
            var roll = _random.NextDouble();
            if (roll < piiShare) yield return Positive();
            else if (roll < piiShare + (1 - piiShare) * 0.3) yield return Negative();
            else yield return new LabeledLine(Filler(), Empty);
        }
    }

    /// <summary>Text of about <paramref name="bytes"/> bytes (ASCII), for throughput measurements.</summary>
    public string Text(int bytes, double piiShare)
    {
        var builder = new System.Text.StringBuilder(bytes + 256);
        foreach (var line in Lines(int.MaxValue, piiShare))
        {
            builder.Append(line.Text).Append('\n');
            if (builder.Length >= bytes) break;
        }
        return builder.ToString();
    }

    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

    private LabeledLine Positive()
    {
        var v = V;
        var (type, text) = _random.Next(28) switch
        {
            0 => (EntityTypes.Email, $"Contact {v.Email()} for the renewal."),
            1 => (EntityTypes.Email, $"\"email\": \"{v.Email()}\","),
            2 => (EntityTypes.Phone, $"Call me on {v.Phone()} after 5pm."),
            3 => (EntityTypes.CreditCard, $"card_number={v.Card()} exp=09/27"),
            4 => (EntityTypes.CreditCard, $"Paid with {v.Card()} on the 3rd."),
            5 => (EntityTypes.UsSsn, $"Employee SSN {v.Ssn()} on file."),
            6 => (EntityTypes.UsSsn, $"ssn: {v.Ssn(dashed: false)}"),
            7 => (EntityTypes.Iban, $"Wire to IBAN {v.Iban(spaced: _random.Next(2) == 0)} by Friday."),
            8 => (EntityTypes.IpAddress, $"Login from {(_random.Next(3) == 0 ? v.Ipv6() : v.Ipv4())} accepted"),
            9 => (EntityTypes.AwsAccessKeyId, $"aws_access_key_id = {v.AwsKeyId()}"),
            10 => (EntityTypes.AwsSecretAccessKey, _random.Next(2) == 0 ? $"aws_secret_access_key = {v.AwsSecret()}"
                : $"\"SecretAccessKey\": \"{v.AwsSecret()}\","),
            11 => (EntityTypes.AzureStorageAccountKey,
                $"DefaultEndpointsProtocol=https;AccountName=prod{v.Digits(3)};AccountKey={v.AzureKey()};EndpointSuffix=core.windows.net"),
            12 => (EntityTypes.PrivateKey, v.PrivateKey().Replace("\n", "\\n", StringComparison.Ordinal)),
            13 => (EntityTypes.Jwt, $"Authorization: Bearer {v.Jwt()}"),
            14 => (EntityTypes.GitHubToken, $"GITHUB_TOKEN={v.GitHubToken()}"),
            15 => (EntityTypes.SlackToken, $"slack_bot_token: {v.SlackToken()}"),
            16 => (EntityTypes.SlackWebhookUrl, $"SLACK_WEBHOOK={v.SlackWebhook()}"),
            17 => (EntityTypes.StripeSecretKey, $"stripe.api_key = \"{v.StripeKey()}\""),
            18 => (EntityTypes.GoogleApiKey, $"<script src=\"https://maps.googleapis.com/maps/api/js?key={v.GoogleApiKey()}\"></script>"),
            19 => (EntityTypes.NpmToken, $"//registry.npmjs.org/:_authToken={v.NpmToken()}"),
            20 => (EntityTypes.AzureSasToken, $"GET https://acct{v.Digits(2)}.blob.core.windows.net/exports/q3.csv?{v.SasQuery()} 200"),
            21 => (EntityTypes.AzureSharedAccessKey, $"\"ServiceBus\": \"{v.ServiceBusConnectionString()}\","),
            22 => (EntityTypes.UrlCredentials, $"DATABASE_URL={v.DatabaseUrl()}"),
            23 => (EntityTypes.ConnectionStringPassword, $"\"DefaultConnection\": \"{v.SqlConnectionString()}\""),
            24 => (EntityTypes.UsBankRoutingNumber, $"Direct deposit: routing number {v.RoutingNumber()}, account {v.Digits(10)}"),
            25 => (EntityTypes.UsItin, $"Taxpayer ITIN {v.Itin()} on the W-7"),
            26 => (EntityTypes.UkNationalInsuranceNumber, $"NI number {v.Nino()} for payroll"),
            _ => (EntityTypes.DateOfBirth, $"Patient DOB: {_random.Next(1930, 2010)}-{_random.Next(1, 13):00}-{_random.Next(1, 29):00}, ward 4"),
        };
        return new LabeledLine($"{Filler()} {text}", new Dictionary<string, int> { [type] = 1 });
    }

    private LabeledLine Negative()
    {
        var v = V;
        var text = _random.Next(35) switch
        {
            0 => $"request_id={v.Uuid()} trace={v.Uuid()}",
            1 => $"commit {v.Hex(40)} merged",
            2 => $"secret_hash: {v.Hex(40)}",
            3 => $"sha256={v.Hex(64)}",
            4 => $"\"integrity\": \"sha512-{Convert.ToBase64String(v.Bytes(64))}\"",
            5 => $"at {DateTime.UnixEpoch.AddSeconds(_random.Next(1_000_000_000, 1_900_000_000)):yyyy-MM-ddTHH:mm:ss.fffZ} epoch " +
                $"{_random.Next(1_000_000_000, 1_900_000_000)}",
            6 => $"version {_random.Next(1, 20)}.{_random.Next(10)}.{_random.Next(100)}.{_random.Next(1000)} released",
            7 => $"Ship to 94105-{v.Digits(4)} by ground",
            8 => $"Order #{_random.Next(1, 9)}{v.Digits(8)} confirmed, invoice {v.Digits(9)}",
            9 => $"card on file {v.Card(valid: false)} (declined)",
            10 => $"IBAN typo {v.Iban(valid: false)}",
            11 => $"ref {Pick("666", "000", "900", "987")}-{v.Digits(2)}-{v.Digits(4)}",
            12 => $"Account {_random.Next(2, 10)}{v.Digits(9)} balance ${_random.Next(1, 9999)},{v.Digits(3)}.{v.Digits(2)}",
            13 => $"ip field {_random.Next(256, 999)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(256)} or 1.2.3.4.5",
            14 => $"mac 00:1A:2B:{v.From("0123456789ABCDEF", 2)}:4D:5E at 12:30:45",
            15 => $"pi is 3.14159 and e is 2.71828, ratio 16:9",
            16 => $"token {v.GitHubToken(valid: false)} was revoked",
            17 => $"see docs: AKIAIOSFODNN7EXAMPLE",
            18 => $"xoxb-not-a-token and eyJhbGciOiJIUzI1NiJ9.not-json.sig",
            19 => $"-----BEGIN PRIVATE KEY----- goes here -----END PRIVATE KEY-----",
            20 => $"icon@2x.png and user@localhost and package@1.2.3",
            21 => $"ISBN 978-0-{v.Digits(3)}-{v.Digits(5)}-{_random.Next(10)} and part 555-12-3456X",
            22 => $"date 2024-{_random.Next(1, 13):00}-{_random.Next(1, 29):00} and 03/15/2024 and 20240315",
            23 => "SLACK_WEBHOOK=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX",
            24 => $"stripe test key sk_test_{v.From("abcdefghijklmnop0123456789", 24)} and pk_live_{v.From("abcdef0123456789", 24)}",
            25 => $"DATABASE_URL=postgres://app:${{DB_PASSWORD}}@db.example.com/app or mysql://root:****@localhost/app",
            26 => $"Set password={v.From("abcdefgh", 8)} in the sign-up form",
            27 => $"blob.core.windows.net/c/f?sig={Uri.EscapeDataString(Convert.ToBase64String(v.Bytes(32)))} and ?sv=2022-11-02&sig=abc123",
            28 => $"npm token {v.NpmToken(valid: false)} was revoked",
            29 => $"Server=db;User Id=app;Password=<your password>; and Password=${{SQL_PASSWORD}}",
            30 => $"key AIza{v.From("abcdef0123456789", 30)} is too short",
            31 => $"routing number {v.RoutingNumber(valid: false)} rejected; tracking {v.RoutingNumber()} shipped",
            32 => $"ticket 9{v.Digits(2)}-{Pick("00", "40", "66", "89", "93")}-{v.Digits(4)} and build 9{v.Digits(8)}",
            33 => $"codes QQ 12 34 56 C, GB 12 34 56 A, AB 12 34 56 E and AB123456",
            _ => $"build {v.Digits(5)}-{v.Digits(4)}-{v.Digits(4)}-{v.Digits(4)}-{v.Digits(5)} ok",
        };
        return new LabeledLine($"{Filler()} {text}", Empty);
    }

    private string Pick(params string[] items) => items[_random.Next(items.Length)];

    private static readonly string[] Words =
    [
        "the", "service", "request", "completed", "storage", "account", "quarterly", "report", "customer", "pipeline",
        "deployment", "retry", "timeout", "latency", "billing", "approved", "pending", "region", "cluster", "invoice",
    ];

    private string Filler() => _random.Next(3) switch
    {
        0 => $"2026-11-{_random.Next(1, 29):00}T{_random.Next(24):00}:{_random.Next(60):00}:{_random.Next(60):00}.{_random.Next(1000):000}Z INFO " +
            $"[worker-{_random.Next(16)}] " +
             $"{Pick(Words)} {Pick(Words)} in {_random.Next(1, 900)} ms (status={Pick("200", "201", "404", "503")}, bytes={_random.Next(100, 99999)})",
        1 => string.Join(' ', Enumerable.Range(0, _random.Next(6, 18)).Select(_ => Words[_random.Next(Words.Length)])) + ".",
        _ => $"{Pick(Words)}_count={_random.Next(100000)} {Pick(Words)}_ratio=0.{_random.Next(1000):000} id={_random.Next(1, 99999)}",
    };
}

using System.Net;
using Azure.Core.Pipeline;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.Hosting.Reports;
using CloudAuditor.UnitTests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CloudAuditor.UnitTests.Retention;

public class RetentionJudgeTests
{
    private static readonly RetentionSettings Policy = new()
    {
        Classes =
        {
            ["pii"] = new RetentionRequirement { MinRetentionDays = 2555, Immutable = true },
            ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 },
            ["standard"] = new RetentionRequirement { SoftDeleteDays = 7, Versioning = true },
        },
    };

    private static AzureContainer Labelled(string? dataClass, RetentionPosture posture) =>
        Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = dataClass is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["data-class"] = dataClass },
            Retention = posture,
        };

    [Fact]
    public void Pii_needs_locked_immutability_long_enough_or_a_legal_hold()
    {
        var judge = new RetentionJudge(Policy);
        Assert.True(judge.Judge(Labelled("pii", Subjects.Posture(immutableDays: 2555, locked: true))).Compliant);
        Assert.True(judge.Judge(Labelled("pii", Subjects.Posture(legalHold: true))).Compliant);
        var unlocked = judge.Judge(Labelled("pii", Subjects.Posture(immutableDays: 365)));
        Assert.Equal(["needs 2555 days of immutable retention, has 365", "the immutability policy is not locked"], unlocked.Shortfalls);
    }

    [Fact]
    public void Logs_must_expire_in_time()
    {
        var judge = new RetentionJudge(Policy);
        Assert.True(judge.Judge(Labelled("logs", Subjects.Posture(expirationDays: 30))).Compliant);
        Assert.Contains("lifecycle expiry is not set", Assert.Single(judge.Judge(Labelled("logs", Subjects.Posture())).Shortfalls));
        Assert.Contains("lifecycle expiry is 400 days", Assert.Single(judge.Judge(Labelled("logs", Subjects.Posture(expirationDays: 400))).Shortfalls));
    }

    [Fact]
    public void Unlabelled_or_unknown_classes_are_not_judged_unless_a_default_applies()
    {
        Assert.False(new RetentionJudge(Policy).Judge(Labelled(null, Subjects.Posture())).Judged);
        Assert.False(new RetentionJudge(Policy).Judge(Labelled("secret-sauce", Subjects.Posture())).Judged);
        var withDefault = new RetentionJudge(new RetentionSettings { DefaultClass = "standard", Classes = Policy.Classes });
        Assert.Equal(["needs 7 days of blob soft delete, has 0", "versioning is off"], withDefault.Judge(Labelled(null, Subjects.Posture())).Shortfalls);
    }
}

public class UndecidedRetentionTests
{
    [Fact]
    public void A_requirement_whose_setting_could_not_be_read_is_undecided_not_failed()
    {
        var judge = new RetentionJudge(new RetentionSettings { Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 } } });
        var container = Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = new Dictionary<string, string> { ["data-class"] = "logs" },
            Retention = Subjects.Posture() with { Lifecycle = Observed<LifecycleRules>.Failed("lifecycle management policy: 403 AuthorizationFailed") },
        };
        var verdict = judge.Judge(container);
        Assert.False(verdict.Judged);
        Assert.True(verdict.Undecided);
        Assert.Equal(["lifecycle management policy: 403 AuthorizationFailed"], verdict.Unknown);
        Assert.Null(new CloudAuditor.Core.Checks.Retention.AzureContainerRetentionCheck().Evaluate(container, new CloudAuditor.Core.Checks.CheckContext(judge)));
    }

    [Fact]
    public void Settings_the_requirement_does_not_need_may_stay_unknown()
    {
        var judge = new RetentionJudge(new RetentionSettings { Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 } } });
        var container = Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = new Dictionary<string, string> { ["data-class"] = "logs" },
            Retention = Subjects.Posture(expirationDays: 30) with { Immutability = Observed<ImmutabilitySettings>.Failed("container immutability: 403") },
        };
        Assert.True(judge.Judge(container).Compliant);
    }
}

public class ManagementPolicyTests
{
    private static LifecycleRule Rule(params string[] prefixes) => new("r", LifecycleScope.Everything with { Prefixes = prefixes }, 30, null);

    [Fact]
    public void Prefixes_are_string_prefixes_of_container_slash_blob_as_azure_matches_them()
    {
        var policy = new ManagementPolicy([Rule("logs"), Rule("logs/tmp/"), Rule("other/"), Rule()]);
        var logs = policy.For("logs").Rules;
        Assert.Equal(3, logs.Count);
        Assert.Equal(2, logs.Count(r => r.Scope.Prefixes.Count == 0));
        Assert.Contains(logs, r => r.Scope.Prefixes.SequenceEqual(["tmp/"]));
        Assert.Equal(2, policy.For("logs2").Rules.Count);
        Assert.Equal(2, policy.For("other").Rules.Count(r => r.Scope.Prefixes.Count == 0));
    }
}

public class ArmRetentionReaderTests
{
    private const string Account = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-finance/providers/Microsoft.Storage/storageAccounts/financedata";

    [Fact]
    public async Task Account_and_container_retention_come_from_arm()
    {
        var arm = new RecordedHttpHandler()
            .On(r => r.RequestUri!.AbsolutePath.Equals($"{Account}/blobServices/default", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK, "arm/blob-service-default.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.Equals($"{Account}/managementPolicies/default", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK, "arm/management-policy-default.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.EndsWith("/containers/ledger", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK, "arm/container-ledger-locked.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.EndsWith("/containers/applogs", StringComparison.OrdinalIgnoreCase), HttpStatusCode.Forbidden, "arm/error-authorization-failed.json", "application/json");
        var settings = new AzureClientFactory(new SweepSettings { MaxRetries = 0 }, new StaticTokenCredential()) { ArmTransport = new HttpClientTransport(new HttpClient(arm)) };
        var reader = new ArmRetentionReader(settings.CreateArmClient("https://management.azure.com"));

        var account = await reader.ReadAccountAsync(Account, CancellationToken.None);
        Assert.Equal(new SoftDeleteSettings(14, 7), account.SoftDelete.Value);
        Assert.True(account.Versioning.Value!.Enabled);
        var ledger = await reader.ReadContainerAsync(Account, "ledger", account, CancellationToken.None);
        Assert.Equal(new ImmutabilitySettings(2555, Locked: true, LegalHold: false), ledger.Immutability.Value);
        Assert.Null(ledger.Lifecycle.Value!.ShortestExpirationDays);
        var logs = await reader.ReadContainerAsync(Account, "applogs", account, CancellationToken.None);
        Assert.Equal(90, logs.Lifecycle.Value!.ShortestExpirationDays);
        Assert.Equal(ObservationState.Failed, logs.Immutability.State);
        Assert.Equal("container immutability: 403 AuthorizationFailed", logs.Immutability.Unreadable);
        Assert.Empty(arm.Unmatched);
        Assert.All(arm.Requests, r => Assert.Contains($"api-version={AzureClientFactory.StorageAccountApiVersion}", r));
    }
}

public class RetentionReportWriterTests
{
    private static readonly RetentionRow[] Rows =
    [
        new("azure", "financedata", "ledger", "/subscriptions/x/.../containers/ledger", "pii", Subjects.Posture(immutableDays: 2555, locked: true), "compliant", ""),
        new("aws", "111122223333", "acme-logs", "arn:aws:s3:::acme-logs", "logs", Subjects.Posture(expirationDays: 400), "non-compliant", "must be deleted within 90 days, lifecycle expiry is 400 days"),
        new("aws", "111122223333", "=cmd|'/C calc'!A0", "arn:aws:s3:::weird", null, RetentionPosture.NotRead("GetBucketVersioning: 403"), "not read", "<b>GetBucketVersioning: 403</b>"),
    ];

    [Fact]
    public void Csv_has_the_columns_and_defuses_formulas()
    {
        var lines = RetentionReportWriters.Csv(Rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', RetentionReportWriters.Columns), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",2555,yes,", lines[1]);
        Assert.Contains("'=cmd|'/C calc'!A0", lines[3]);
    }

    [Fact]
    public void Json_rows_carry_every_column()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(RetentionReportWriters.Json(Rows));
        var first = doc.RootElement[0];
        Assert.Equal("compliant", first.GetProperty("verdict").GetString());
        Assert.Equal(RetentionReportWriters.Columns.Length, first.EnumerateObject().Count());
    }

    [Fact]
    public void Html_is_self_contained_with_a_chart_and_escapes_values()
    {
        var html = RetentionReportWriters.Html(Rows, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        Assert.Contains("<svg", html);
        Assert.Contains("1 compliant, 1 non-compliant, 1 not judged", html);
        Assert.DoesNotContain("<b>GetBucketVersioning", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Xlsx_opens_with_a_retention_and_a_summary_sheet()
    {
        using var buffer = new MemoryStream();
        RetentionReportWriters.Xlsx(Rows, buffer);
        buffer.Position = 0;
        using var doc = SpreadsheetDocument.Open(buffer, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Retention", "Summary"], sheets);
        var retention = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = retention.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("ledger", rows[1].Elements<Cell>().ElementAt(2).InnerText);
        Assert.Equal(CellValues.Number, rows[1].Elements<Cell>().ElementAt(9).DataType!.Value);
    }
}

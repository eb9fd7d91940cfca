using System.Text;
using System.Text.Json;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.SensitiveData;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;
using static CloudAuditor.UnitTests.SensitiveData.Fixtures;

namespace CloudAuditor.UnitTests.SensitiveData;

public class ExtractionTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string PeopleCsv = "name,email,ssn\nAda,ada@example.com,123456789\nAlan,alan@example.org,234567890\n";

    private static Task<ScanResult> ScanAsync(byte[] data, string name, ExtractionLimits? limits = null, bool isPrefix = false) =>
        new ContentScanner(DetectorSet.Default, limits ?? ExtractionLimits.Default, new ScanMemoryBudget(256L << 20))
            .ScanAsync(new MemoryStream(data), name, CancellationToken.None, isPrefix);

    private static int Count(ScanResult result, string type, string? member = null) => result.For(member).Count(type);

    [Fact]
    public async Task Csv_column_headers_are_context_for_bare_numbers()
    {
        var result = await ScanAsync(Utf8(PeopleCsv), "people.csv");
        Assert.Equal(2, Count(result, EntityTypes.UsSsn));
        Assert.Equal(2, Count(result, EntityTypes.Email));
    }

    [Fact]
    public async Task Tsv_and_quoted_csv_cells_are_parsed()
    {
        var tsv = await ScanAsync(Utf8("id\tssn\n1\t123456789\n"), "export.tsv");
        Assert.Equal(1, Count(tsv, EntityTypes.UsSsn));
        var quoted = await ScanAsync(Utf8("note,card\n\"says \"\"hi\"\", pays\",\"4111,1111\"\n\"x\",\"" + Card + "\"\n"), "q.csv");
        Assert.Equal(1, Count(quoted, EntityTypes.CreditCard));
    }

    [Fact]
    public async Task Json_keys_are_context_and_ndjson_lines_all_count()
    {
        var json = await ScanAsync(Utf8("""{"user":{"ssn":"123456789","contact":{"email":"ada@example.com"}},"ids":[123456789]}"""), "u.json");
        Assert.Equal(1, Count(json, EntityTypes.UsSsn));
        Assert.Equal(1, Count(json, EntityTypes.Email));
        var ndjson = await ScanAsync(Utf8("{\"ssn\":\"123456789\"}\n{\"ssn\":\"234567890\"}\n"), "events.ndjson");
        Assert.Equal(2, Count(ndjson, EntityTypes.UsSsn));
    }

    [Fact]
    public async Task Malformed_json_is_still_scanned_as_text_without_double_counting()
    {
        var result = await ScanAsync(Utf8("{\"email\": \"ada@example.com\", \"broken\": "), "bad.json");
        Assert.Equal(1, Count(result, EntityTypes.Email));
    }

    [Fact]
    public async Task Gzip_is_transparent_and_a_truncated_stream_yields_what_decompressed()
    {
        var big = Utf8(string.Concat(Enumerable.Range(0, 4000).Select(i => $"row {i} contact ada{i}@example.com\n")));
        var whole = await ScanAsync(Gzip(big), "log.txt.gz");
        Assert.Equal(4000, Count(whole, EntityTypes.Email));
        Assert.False(whole.Truncated);

        // A range read of the start: the cut is the sample's, not a fault.
        var gz = Gzip(big);
        var sampled = await ScanAsync(gz[..(gz.Length / 2)], "log.txt.gz", isPrefix: true);
        Assert.True(sampled.Truncated);
        Assert.InRange(Count(sampled, EntityTypes.Email), 1, 3999);
        Assert.Empty(sampled.Issues);

        // The whole object, cut: what decompressed is scanned and the cut is reported.
        var cut = await ScanAsync(gz[..(gz.Length / 2)], "log.txt.gz");
        Assert.InRange(Count(cut, EntityTypes.Email), 1, 3999);
        Assert.Contains("gzip stream ends early", Assert.Single(cut.Issues).Reason);
    }

    [Fact]
    public async Task Zip_members_are_reported_by_path_including_nested_archives()
    {
        var inner = Zip(("deep/people.csv", Utf8(PeopleCsv)));
        var outer = Zip(("readme.txt", Utf8("nothing here")), ("keys/prod.env", Utf8("AWS_KEY=AKIAZ7VRSQ5NJ2XGPQ3M")), ("archive/inner.zip", inner));
        var result = await ScanAsync(outer, "bundle.zip");
        Assert.Equal(1, Count(result, EntityTypes.AwsAccessKeyId, "keys/prod.env"));
        Assert.Equal(2, Count(result, EntityTypes.UsSsn, "archive/inner.zip!/deep/people.csv"));
        Assert.Equal(2, result.Detections.Count());
    }

    [Fact]
    public async Task Tar_and_tar_gz_members_are_scanned()
    {
        var tar = Tar(("data/people.csv", Utf8(PeopleCsv)));
        Assert.Equal(2, Count(await ScanAsync(tar, "backup.tar"), EntityTypes.UsSsn, "data/people.csv"));
        Assert.Equal(2, Count(await ScanAsync(Gzip(tar), "backup.tgz"), EntityTypes.UsSsn, "data/people.csv"));
    }

    [Fact]
    public async Task Zip_bomb_by_ratio_stops_with_a_limit_issue_not_an_exception()
    {
        var bomb = Zip(("zeros.txt", new byte[32 << 20]));
        var result = await ScanAsync(bomb, "bomb.zip");
        var issue = Assert.Single(result.Issues);
        Assert.Equal(ScanIssueKind.LimitExceeded, issue.Kind);
        Assert.Contains("compression ratio", issue.Reason);
        Assert.Equal("zeros.txt", issue.Member ?? "zeros.txt");
    }

    [Fact]
    public async Task Total_expansion_entries_and_nesting_are_bounded()
    {
        var tooMany = Zip(Enumerable.Range(0, 20).Select(i => ($"f{i}.txt", Utf8("x"))).ToArray());
        var entries = await ScanAsync(tooMany, "many.zip", ExtractionLimits.Default with { MaxEntries = 10 });
        Assert.Contains(entries.Issues, i => i.Reason.Contains("more than 10 archive entries", StringComparison.Ordinal));

        var nested = Utf8("ada@example.com");
        for (var i = 0; i < 5; i++) nested = Zip(($"level{i}.zip", nested));
        var deep = await ScanAsync(nested, "deep.zip", ExtractionLimits.Default with { MaxDepth = 3 });
        Assert.Contains(deep.Issues, i => i.Reason.Contains("nested more than 3 deep", StringComparison.Ordinal));

        var expanded = await ScanAsync(Zip(("a.txt", Utf8(new string('a', 3 << 20)))), "big.zip",
            ExtractionLimits.Default with { MaxExpandedBytes = 1 << 20, MaxCompressionRatio = 100_000 });
        Assert.Contains(expanded.Issues, i => i.Reason.Contains("exceeds 1 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Objects_above_the_size_cap_are_scanned_up_to_it_and_marked_truncated()
    {
        var text = Utf8(string.Concat(Enumerable.Repeat("ada@example.com\n", 1000)));
        var result = await ScanAsync(text, "big.log", ExtractionLimits.Default with { MaxObjectBytes = 1600 });
        Assert.True(result.Truncated);
        Assert.Equal(1600, result.BytesScanned);
        Assert.Equal(100, Count(result, EntityTypes.Email));
        Assert.Contains("larger than the 1,600-byte size cap", Assert.Single(result.Issues).Reason);
    }

    [Fact]
    public async Task Corrupt_archives_are_reported_without_quoting_their_bytes()
    {
        var corrupt = Utf8("PK\u0003\u0004 ada@example.com this is not a zip at all");
        var result = await ScanAsync(corrupt, "broken.zip");
        var issue = Assert.Single(result.Issues);
        Assert.Equal(ScanIssueKind.Corrupt, issue.Kind);
        Assert.DoesNotContain("ada@", issue.Reason);
    }

    [Fact]
    public async Task Binary_content_is_skipped_cleanly()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        var result = await ScanAsync(png, "logo.png");
        Assert.Equal(ScanIssueKind.Skipped, Assert.Single(result.Issues).Kind);
        Assert.Empty(result.Detections);
    }

    [Fact]
    public async Task Utf16_with_bom_and_invalid_utf8_are_both_read()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("mail ada@example.com")).ToArray();
        Assert.Equal(1, Count(await ScanAsync(utf16, "u16.txt"), EntityTypes.Email));
        var latin1 = Encoding.Latin1.GetBytes("Se\u00f1or ada@example.com caf\u00e9 \u00ff");
        Assert.Equal(1, Count(await ScanAsync(latin1, "latin1.txt"), EntityTypes.Email));
        var cutMultibyte = Utf8("ada@example.com \u20ac")[..^1];
        Assert.Equal(1, Count(await ScanAsync(cutMultibyte, "cut.txt"), EntityTypes.Email));
    }

    [Fact]
    public async Task Word_documents_report_their_part()
    {
        var result = await ScanAsync(Docx("Employee file", $"Card {Card}", "SSN 123-45-6789"), "hr.docx");
        Assert.Equal(1, Count(result, EntityTypes.CreditCard, "word/document.xml"));
        Assert.Equal(1, Count(result, EntityTypes.UsSsn, "word/document.xml"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as Excel writes cells: indexes into the shared string table (read as the index, not the text, until 2026-12)
    public async Task Excel_header_cells_are_context_for_their_column(bool sharedStrings)
    {
        var result = await ScanAsync(Xlsx(sharedStrings, ["name", "ssn"], ["Ada", "123456789"], ["Alan", "234567890"]), "people.xlsx");
        var sheet = Assert.Single(result.Detections);
        Assert.StartsWith("xl/worksheets/", sheet.Member);
        Assert.Equal(2, sheet.Tally.Count(EntityTypes.UsSsn));
    }

    [Fact]
    public async Task Pdf_text_is_extracted()
    {
        var result = await ScanAsync(Pdf("Invoice", $"Paid with card {Card}", "Contact ada@example.com"), "invoice.pdf");
        Assert.Equal(1, Count(result, EntityTypes.CreditCard));
        Assert.Equal(1, Count(result, EntityTypes.Email));
    }

    [Fact]
    public async Task Findings_carry_counts_members_and_masks_but_never_raw_values()
    {
        var zip = Zip(("people.csv", Utf8(PeopleCsv)), ("bomb.txt", new byte[8 << 20]));
        var result = await ScanAsync(zip, "export.zip");
        var resource = new ResourceRef("file:///data/export.zip", "file", "export.zip");
        var findings = SensitiveDataFindings.From(result, CloudKind.Local, resource, ContentChecks.LocalFile, "export.zip").ToList();

        var data = Assert.Single(findings, f => f.Type == FindingType.SensitiveData);
        Assert.Equal("people.csv", data.Member);
        Assert.Equal(Severity.High, data.Severity);
        Assert.Contains(data.Entities!, e => e.Type == EntityTypes.UsSsn && e.Count == 2 && e.Masked.All(m => m.StartsWith("*****", StringComparison.Ordinal)));
        var error = Assert.Single(findings, f => f.Type == FindingType.Error);
        Assert.Equal("local.file.sensitive-data-unscanned", error.CheckId);

        var json = JsonSerializer.Serialize(findings, FindingJson.Options);
        foreach (var raw in new[] { "123456789", "234567890", "ada@example.com", "alan@example.org" }) Assert.DoesNotContain(raw, json);
    }

    [Fact]
    public async Task A_json_string_longer_than_the_token_limit_is_scanned_as_text_and_nothing_before_it_twice()
    {
        var json = "{\"email\":\"ada@example.com\",\"blob\":\"" + new string('x', 300_000) + " alan@example.org \"}";
        var result = await ScanAsync(Utf8(json), "big.json", ExtractionLimits.Default with { MaxJsonTokenBytes = 128 << 10 });
        Assert.Equal(2, Count(result, EntityTypes.Email));
    }

    [Fact]
    public async Task An_object_past_its_time_limit_stops_with_an_issue()
    {
        var text = Utf8(string.Concat(Enumerable.Repeat("ada@example.com and more words\n", 200_000)));
        var result = await ScanAsync(text, "slow.log", ExtractionLimits.Default with { MaxScanTime = TimeSpan.Zero });
        Assert.Contains("longer than the 0-second limit", Assert.Single(result.Issues).Reason);
    }

    [Fact]
    public async Task Csv_quotes_and_cells_split_across_writes_parse_as_written_whole()
    {
        var csv = "name,ssn,note\nAda,123456789,\"says \"\"hi\"\", \nthen 4111 1111 1111 1111\"\nAlan,234567890,x\n";
        var whole = new DetectionTally();
        var pieces = new DetectionTally();
        foreach (var (tally, step) in new[] { (whole, csv.Length), (pieces, 1) })
        {
            var fields = new FieldWindows(DetectorSet.Default, tally, () => { });
            using var scanner = new CsvScanner(fields, ',');
            for (var at = 0; at < csv.Length; at += step)
            {
                var piece = csv.AsSpan(at, Math.Min(step, csv.Length - at));
                piece.CopyTo(scanner.GetSpan());
                scanner.Advance(piece.Length);
            }
            scanner.Complete();
        }
        Assert.Equal(2, whole.Count(EntityTypes.UsSsn));
        Assert.Equal(1, whole.Count(EntityTypes.CreditCard));
        Assert.Equal(whole.ToEntities().Select(e => (e.Type, e.Count)), pieces.ToEntities().Select(e => (e.Type, e.Count)));
    }
}

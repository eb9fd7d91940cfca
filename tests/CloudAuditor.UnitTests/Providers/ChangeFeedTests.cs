using Avro;
using Avro.Generic;
using CloudAuditor.AzureProvider;

namespace CloudAuditor.UnitTests.Providers;

public class ChangeFeedTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static ChangeEvent Write(string container, string blob, int minute) => new("BlobCreated", container, blob, Noon.AddMinutes(minute), 10);

    [Fact]
    public void A_blob_deleted_after_it_was_written_is_not_a_change_to_sample_and_other_events_are_ignored()
    {
        var index = new ChangeIndex(Noon, Noon.AddHours(1), keep: 10);
        index.Add(Write("a", "kept.csv", 1));
        index.Add(Write("a", "gone.csv", 2));
        index.Add(new ChangeEvent("BlobDeleted", "a", "gone.csv", Noon.AddMinutes(3), 0));
        index.Add(new ChangeEvent("BlobPropertiesUpdated", "a", "props.csv", Noon.AddMinutes(4), 10));
        index.Add(new ChangeEvent("Control", "", "", Noon, 0));
        index.Add(Write("b", "other.csv", 5));

        var reading = index.Reading();
        var changes = reading.Containers["a"];

        Assert.Equal(["kept.csv"], changes.Objects.Select(o => o.Key));
        Assert.Equal(2, changes.Seen);
        Assert.Equal(Noon.AddHours(1), changes.Through);
        Assert.Equal((Noon, Noon.AddHours(1), (string?)null), (reading.Window.From, reading.Window.Through, reading.Window.Unused));
        Assert.Equal(["a", "b"], reading.Containers.Keys.Order());
    }

    [Fact]
    public void Only_the_newest_changes_are_kept_per_container_however_many_there_were()
    {
        var index = new ChangeIndex(Noon, Noon.AddHours(1), keep: 4);
        for (var minute = 0; minute < 1000; minute++) index.Add(Write("busy", $"part-{minute:0000}.csv", minute));

        var changes = index.Reading().Containers["busy"];

        Assert.Equal(1000, changes.Seen);
        Assert.InRange(changes.Objects.Count, 4, 8);
        Assert.Equal("part-0999.csv", changes.Objects[0].Key);
        Assert.All(changes.Objects, o => Assert.True(o.LastModified >= Noon.AddMinutes(990)));
    }

    private static readonly RecordSchema Schema = (RecordSchema)Avro.Schema.Parse("""
        {"type":"record","name":"BlobChangeEvent","fields":[{"name":"schemaVersion","type":"int"},{"name":"subject","type":"string"},
          {"name":"eventType","type":"string"},{"name":"eventTime","type":"string"},{"name":"futureField","type":"string"},
          {"name":"data","type":{"type":"record","name":"Data","fields":[{"name":"contentLength","type":"long"}]}}]}
        """);

    private static GenericRecord Record(string subject, string? time = "2026-12-07T12:05:00.1234567Z")
    {
        var data = new GenericRecord((RecordSchema)Schema["data"].Schema);
        data.Add("contentLength", 42L);
        var record = new GenericRecord(Schema);
        record.Add("schemaVersion", 5);
        record.Add("subject", subject);
        record.Add("eventType", "BlobCreated");
        if (time is not null) record.Add("eventTime", time);
        record.Add("futureField", "ignored");
        record.Add("data", data);
        return record;
    }

    [Fact]
    public void A_record_of_any_schema_version_is_read_by_field_name_and_blob_names_keep_their_slashes()
    {
        var change = ChangeEvent.From(Record("/blobServices/default/containers/exports/blobs/2019/01/late.csv"));

        Assert.Equal(("exports", "2019/01/late.csv", 42L), (change.Container, change.Blob, change.Size));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 5, 0, TimeSpan.Zero).AddTicks(1_234_567), change.Time);
        Assert.True(change.IsWrite);
    }

    [Fact]
    public void A_record_without_a_time_is_refused_as_not_in_the_feeds_format()
    {
        var error = Assert.Throws<InvalidDataException>(() => ChangeEvent.From(Record("/blobServices/default/containers/a/blobs/b", time: null)));
        Assert.Contains("eventTime", error.Message);
    }
}

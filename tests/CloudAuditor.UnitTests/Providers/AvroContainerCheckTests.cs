using System.Text;
using Avro;
using Avro.File;
using Avro.Generic;
using CloudAuditor.AzureProvider;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>Avro container files written by Apache.Avro itself, then corrupted the way a damaged or hostile file would be.</summary>
public class AvroContainerCheckTests
{
    private static readonly RecordSchema Schema = (RecordSchema)Avro.Schema.Parse("""
        {"type":"record","name":"Event","fields":[
          {"name":"subject","type":"string"},
          {"name":"size","type":["null","long"]},
          {"name":"tags","type":{"type":"map","values":"string"}},
          {"name":"parts","type":{"type":"array","items":"double"}},
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["Created","Deleted"]}},
          {"name":"etag","type":{"type":"fixed","name":"Etag","size":4}},
          {"name":"flag","type":"boolean"}]}
        """);

    private const string Marker = "SUBJECT-MARKER";

    /// <summary>One record is 52 bytes: its block's size is a one-byte varint, which the corruptions below rely on.</summary>
    private static byte[] File(Codec.Type codec = Codec.Type.Null, int records = 1)
    {
        var stream = new MemoryStream();
        using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(Schema), stream, Codec.CreateCodec(codec)))
        {
            for (var i = 0; i < records; i++)
            {
                var record = new GenericRecord(Schema);
                record.Add("subject", i == 0 ? Marker : $"/containers/c/blobs/{i}");
                record.Add("size", i % 2 == 0 ? null : (object)42L);
                record.Add("tags", new Dictionary<string, object> { ["owner"] = "ops" });
                record.Add("parts", new object[] { 1.5, 2.5 });
                record.Add("kind", new GenericEnum((EnumSchema)Schema["kind"].Schema, "Deleted"));
                record.Add("etag", new GenericFixed((FixedSchema)Schema["etag"].Schema, [1, 2, 3, 4]));
                record.Add("flag", true);
                writer.Append(record);
            }
        }
        return stream.ToArray();
    }

    private static int IndexOf(byte[] file, string text) => Encoding.Latin1.GetString(file).IndexOf(text, StringComparison.Ordinal);

    /// <summary>Replaces the one-byte varint at <paramref name="at"/> with a five-byte one of about 2 GiB (zig-zag 0x7FFFFFFF).</summary>
    private static byte[] WithHugeVarint(byte[] file, int at, int growBlockSizeAt = -1)
    {
        var bytes = file.ToList();
        if (growBlockSizeAt >= 0) bytes[growBlockSizeAt] += 8; // +4 bytes, zig-zag: the block still spans its datums
        bytes.RemoveAt(at);
        bytes.InsertRange(at, [0xFE, 0xFF, 0xFF, 0xFF, 0x0F]);
        return [.. bytes];
    }

    private static string Refused(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => AvroContainerCheck.Check(file));
        // The check itself never allocates what a length claims.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        return error.Message;
    }

    [Fact]
    public void A_well_formed_file_of_every_type_the_feed_uses_passes_and_reads()
    {
        var file = File(records: 50);
        AvroContainerCheck.Check(file);
        using var reader = DataFileReader<GenericRecord>.OpenReader(new MemoryStream(file));
        Assert.Equal(50, reader.NextEntries.Count());
    }

    [Fact]
    public void A_block_that_claims_two_gibibytes_is_refused_before_anything_is_allocated()
    {
        var file = File();
        // The block's size is the byte before the first datum's string length (count 1, size 52: 0x02 0x68).
        var subject = IndexOf(file, Marker);
        Assert.Equal([0x02, 0x68], file[(subject - 3)..(subject - 1)]);
        Assert.Contains("more than the file holds", Refused(WithHugeVarint(file, subject - 2)));
    }

    [Fact]
    public void A_string_that_claims_more_than_its_block_is_refused()
    {
        var file = File();
        var subject = IndexOf(file, Marker);
        Assert.Contains("does not fit the file", Refused(WithHugeVarint(file, subject - 1, growBlockSizeAt: subject - 2)));
    }

    [Fact]
    public void Truncated_compressed_or_foreign_files_are_refused_with_what_is_wrong()
    {
        var file = File();
        Assert.Contains("more than the file holds", Refused(file[..(file.Length - 5)]));
        Assert.Contains("codec 'deflate'", Refused(File(Codec.Type.Deflate)));
        Assert.Contains("no magic bytes", Refused(Encoding.ASCII.GetBytes("PK\u0003\u0004 a zip, not avro")));
        var wrongSync = (byte[])file.Clone();
        wrongSync[^1] ^= 0xFF;
        Assert.Contains("sync marker", Refused(wrongSync));
    }
}

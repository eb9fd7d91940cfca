using System.Text;
using Avro;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Checks an Avro object container file against its own bytes before Apache.Avro reads it: that reader allocates whatever
/// a block size or a string length says (a corrupt length of 2 GiB is a 2 GiB array) before it finds the bytes missing.
/// Every block's count and size, every datum's lengths (walked with the file's schema), and every sync marker must fit the
/// file. Only uncompressed files are accepted, as the change feed writes them: a codec would need a bounded inflater too.
/// </summary>
internal static class AvroContainerCheck
{
    private static ReadOnlySpan<byte> Magic => [(byte)'O', (byte)'b', (byte)'j', 1];
    private const int SyncSize = 16;

    /// <exception cref="InvalidDataException">The file is not a well-formed, uncompressed Avro container; the message says where.</exception>
    public static void Check(ReadOnlySpan<byte> file)
    {
        var reader = new Reader(file);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("not an Avro container file (no magic bytes)");
        var metadata = Metadata(ref reader);
        if (metadata.TryGetValue("avro.codec", out var codec) && codec != "null")
            throw new InvalidDataException($"Avro codec '{codec}' is not read (the change feed writes uncompressed files)");
        var schema = metadata.TryGetValue("avro.schema", out var json) ? Parse(json) : throw new InvalidDataException("the Avro header has no schema");
        var sync = reader.Take(SyncSize);
        while (!reader.AtEnd)
        {
            var count = reader.Long();
            var size = reader.Long();
            // A datum of the feed's schema is never empty, so a block cannot hold more datums than bytes.
            if (count < 0 || size < 0 || size > reader.Remaining - SyncSize || count > size)
                throw new InvalidDataException($"an Avro block claims {count} datums in {size} bytes, more than the file holds");
            var block = new Reader(reader.Take((int)size));
            for (var i = 0; i < count; i++) Datum(ref block, schema);
            if (!block.AtEnd) throw new InvalidDataException("an Avro block's datums do not fill its size");
            if (!reader.Take(SyncSize).SequenceEqual(sync)) throw new InvalidDataException("an Avro block is not followed by the file's sync marker");
        }
    }

    private static Dictionary<string, string> Metadata(ref Reader reader)
    {
        // The header's metadata is an Avro map of bytes, framed like any other map.
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        Items(ref reader, (ref Reader r) => metadata[Encoding.UTF8.GetString(r.Bytes())] = Encoding.UTF8.GetString(r.Bytes()));
        return metadata;
    }

    private static Schema Parse(string json)
    {
        try
        {
            return Schema.Parse(json);
        }
        catch (AvroException e)
        {
            throw new InvalidDataException($"the Avro schema does not parse ({e.Message})", e);
        }
    }

    /// <summary>Steps over one datum of <paramref name="schema"/>, checking each length against what is left.</summary>
    private static void Datum(ref Reader reader, Schema schema)
    {
        switch (schema)
        {
            case LogicalSchema logical:
                Datum(ref reader, logical.BaseSchema);
                break;
            case RecordSchema record:
                foreach (var field in record.Fields) Datum(ref reader, field.Schema);
                break;
            case UnionSchema union:
                var branch = reader.Long();
                if (branch < 0 || branch >= union.Count) throw new InvalidDataException($"an Avro union branch {branch} does not exist");
                Datum(ref reader, union[(int)branch]);
                break;
            case ArraySchema array:
                Items(ref reader, (ref Reader r) => Datum(ref r, array.ItemSchema));
                break;
            case MapSchema map:
                Items(ref reader, (ref Reader r) =>
                {
                    r.Bytes();
                    Datum(ref r, map.ValueSchema);
                });
                break;
            case FixedSchema fixedSize:
                reader.Take(fixedSize.Size);
                break;
            case EnumSchema enumeration:
                if (reader.Long() is var symbol && (symbol < 0 || symbol >= enumeration.Count))
                    throw new InvalidDataException($"an Avro enum symbol {symbol} does not exist");
                break;
            default:
                Primitive(ref reader, schema.Tag);
                break;
        }
    }

    private delegate void Item(ref Reader reader);

    /// <summary>Array and map blocks: a count (negative: followed by the block's byte size), items, until a zero count.</summary>
    private static void Items(ref Reader reader, Item item)
    {
        for (var count = reader.Long(); count != 0; count = reader.Long())
        {
            if (count < 0) (count, _) = (-count, reader.Long());
            // Every item takes at least a byte, except of empty types no feed record uses: a larger count is corrupt.
            if (count > reader.Remaining) throw new InvalidDataException($"an Avro array or map claims {count} items, more than its block holds");
            for (var i = 0; i < count; i++) item(ref reader);
        }
    }

    private static void Primitive(ref Reader reader, Schema.Type type)
    {
        switch (type)
        {
            case Schema.Type.Null:
                break;
            case Schema.Type.Boolean:
                reader.Take(1);
                break;
            case Schema.Type.Int or Schema.Type.Long:
                reader.Long();
                break;
            case Schema.Type.Float:
                reader.Take(4);
                break;
            case Schema.Type.Double:
                reader.Take(8);
                break;
            case Schema.Type.Bytes or Schema.Type.String:
                reader.Bytes();
                break;
            default:
                throw new InvalidDataException($"an Avro type '{type}' is not expected in the change feed");
        }
    }

    /// <summary>A cursor over the file that refuses to step past its end.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly bool AtEnd => _at == _bytes.Length;

        public readonly int Remaining => _bytes.Length - _at;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > Remaining) throw new InvalidDataException($"the Avro file ends {count - Remaining} bytes early");
            var taken = _bytes.Slice(_at, count);
            _at += count;
            return taken;
        }

        /// <summary>A zig-zag varint of at most ten bytes.</summary>
        public long Long()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                var b = Take(1)[0];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return (long)(value >> 1) ^ -(long)(value & 1);
            }
            throw new InvalidDataException("an Avro number is longer than ten bytes");
        }

        /// <summary>Length-prefixed bytes (and strings).</summary>
        public ReadOnlySpan<byte> Bytes()
        {
            var length = Long();
            if (length < 0 || length > Remaining) throw new InvalidDataException($"an Avro string or bytes of {length} bytes does not fit the file");
            return Take((int)length);
        }
    }
}

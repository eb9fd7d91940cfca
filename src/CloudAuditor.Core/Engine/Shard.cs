namespace CloudAuditor.Core.Engine;

/// <summary>
/// One of <see cref="Count"/> parts of a target: the resources at the target's top level (the storage accounts of a
/// subscription, the containers of an account, the buckets of an AWS account) whose stable name hash falls in it. Every
/// process computes the same split without listing anything first; settings of the target itself (the account, the
/// account's public access block) belong to the first part.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Whole { get; } = new(0, 1);

    public bool IsFirst => Index == 0;

    public bool Owns(string resourceName) => Count == 1 || StableHash(resourceName) % (uint)Count == Index;

    /// <summary>"prod" when whole, "prod#2/8" otherwise: the id the ledger and the queue messages use.</summary>
    public string IdOf(string target) => Count == 1 ? target : $"{target}#{Index + 1}/{Count}";

    public static IEnumerable<Shard> Of(int count) => Enumerable.Range(0, count).Select(i => new Shard(i, count));

    /// <summary>Reads an id back: "prod#2/8" is part 2 of 8 of "prod"; an id without a part is its whole target.</summary>
    /// <returns>False when the id names a part that cannot exist ("prod#9/8", "prod#x").</returns>
    public static bool TryParse(string id, out string target, out Shard shard)
    {
        (target, shard) = (id, Whole);
        var hash = id.LastIndexOf('#');
        if (hash < 0) return true;
        var part = id.AsSpan(hash + 1);
        var slash = part.IndexOf('/');
        if (slash < 0 || !int.TryParse(part[..slash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || !int.TryParse(part[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count < 2 || number < 1 || number > count)
            return false;
        (target, shard) = (id[..hash], new Shard(number - 1, count));
        return true;
    }

    /// <summary>FNV-1a over the lower-cased name: the same in every process and every .NET version (string.GetHashCode is not).</summary>
    private static uint StableHash(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name) hash = (hash ^ char.ToLowerInvariant(c)) * 16777619u;
        return hash;
    }
}

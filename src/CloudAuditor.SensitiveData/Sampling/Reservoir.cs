namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>A uniform random sample of at most <c>capacity</c> items from a stream of unknown length, in bounded memory.</summary>
public sealed class Reservoir<T>(int capacity)
{
    private readonly List<T> _items = new(capacity);
    private long _offered;

    public IReadOnlyList<T> Items => _items;

    public void Offer(T item)
    {
        _offered++;
        if (_items.Count < capacity)
        {
            _items.Add(item);
            return;
        }
#pragma warning disable CA5394 // Spreading a sample over a keyspace needs no cryptographic randomness.
        var slot = Random.Shared.NextInt64(_offered);
#pragma warning restore CA5394
        if (slot < capacity) _items[(int)slot] = item;
    }
}

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// The one memory budget of a process's content scans, shared by every parallel scan (scan-files workers, containers
/// sampled at once, concurrent Functions invocations): a scan reserves what its buffers can grow to before it starts,
/// and waits, first come first served, until that much is free. Extra memory a scan discovers it needs later (a PDF to
/// parse, a spreadsheet's string table) is reserved the same way with a bounded wait, or the scan degrades to disk or
/// reports the member unscanned: nothing grows past the budget, and waiting can never deadlock.
/// </summary>
public sealed class ScanMemoryBudget
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource<Reservation> Granted)> _waiting = new();
    private long _inUse;
    private long _peak;

    public ScanMemoryBudget(long capacityBytes)
    {
        if (capacityBytes <= 0) throw new ArgumentOutOfRangeException(nameof(capacityBytes), "The memory budget must be positive.");
        Capacity = capacityBytes;
    }

    private static ScanMemoryBudget? _process;

    /// <summary>The process's budget: created by the first caller, resized by a later one that asks for another capacity.</summary>
    public static ScanMemoryBudget ForProcess(long capacityBytes)
    {
        var budget = Interlocked.CompareExchange(ref _process, new ScanMemoryBudget(capacityBytes), null) ?? _process!;
        budget.Resize(capacityBytes);
        return budget;
    }

    public long Capacity { get; private set; }

    public long InUse
    {
        get { lock (_gate) return _inUse; }
    }

    /// <summary>The most ever reserved at once.</summary>
    public long Peak
    {
        get { lock (_gate) return _peak; }
    }

    /// <summary>Waits (first come, first served) until <paramref name="bytes"/> are free, at most <paramref name="maxWait"/>.</summary>
    /// <exception cref="ExtractionLimitException">More than the whole budget, or not free within the wait.</exception>
    public async Task<Reservation> ReserveAsync(long bytes, TimeSpan maxWait, string purpose, CancellationToken cancellationToken)
    {
        TaskCompletionSource<Reservation> granted;
        LinkedListNode<(long, TaskCompletionSource<Reservation>)> node;
        lock (_gate)
        {
            if (bytes > Capacity) throw TooLarge(bytes, purpose);
            if (_waiting.Count == 0 && _inUse + bytes <= Capacity) return Grant(bytes);
            granted = new TaskCompletionSource<Reservation>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast((bytes, granted));
        }
        try
        {
            return await granted.Task.WaitAsync(maxWait, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null) _waiting.Remove(node);
            }
            // Granted in the meantime: give it back, then report the wait.
            if (granted.Task.IsCompletedSuccessfully) granted.Task.Result.Dispose();
            if (e is OperationCanceledException) throw;
            throw new ExtractionLimitException(
                $"{purpose} needs {bytes >> 20} MiB of the scan memory budget ({Capacity >> 20} MiB), which other scans held for longer than " +
                    $"{maxWait.TotalSeconds:N0} s", wholeObject: true);
        }
    }

    /// <summary>Reserves at once if free, without waiting.</summary>
    public bool TryReserve(long bytes, out Reservation? reservation)
    {
        lock (_gate)
        {
            reservation = _waiting.Count == 0 && _inUse + bytes <= Capacity ? Grant(bytes) : null;
            return reservation is not null;
        }
    }

    private void Resize(long capacityBytes)
    {
        lock (_gate)
        {
            Capacity = capacityBytes;
            GrantWaiting();
        }
    }

    private Reservation Grant(long bytes)
    {
        _inUse += bytes;
        _peak = Math.Max(_peak, _inUse);
        return new Reservation(this, bytes);
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _inUse -= bytes;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _inUse + first.Value.Bytes <= Capacity)
        {
            _waiting.RemoveFirst();
            if (!first.Value.Granted.TrySetResult(Grant(first.Value.Bytes))) _inUse -= first.Value.Bytes;
        }
    }

    private ExtractionLimitException TooLarge(long bytes, string purpose) =>
        new($"{purpose} needs {bytes >> 20} MiB, more than the whole scan memory budget ({Capacity >> 20} MiB)", wholeObject: true);

    /// <summary>Memory held from the budget until disposed.</summary>
    public sealed class Reservation(ScanMemoryBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public long Bytes => bytes;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) budget.Release(bytes);
        }
    }
}

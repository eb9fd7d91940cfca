namespace CloudAuditor.Core.Engine;

/// <summary>What content sampling did in one sweep, for its summary: reads, and the reads an incremental sweep saved.</summary>
public sealed class SamplingTally
{
    private int _read;
    private int _changed;
    private int _rechecked;
    private int _alreadyRead;
    private int _unchanged;
    private int _listCalls;
    private int _fromChangeLog;

    /// <summary>Objects whose content was read.</summary>
    public int Read => Volatile.Read(ref _read);

    /// <summary>Chosen because they were new or modified since the container's last sampling (read, or already read).</summary>
    public int Changed => Volatile.Read(ref _changed);

    /// <summary>Chosen at random among unchanged objects, to re-check them.</summary>
    public int Rechecked => Volatile.Read(ref _rechecked);

    /// <summary>New objects not read again: an event's scan (or an earlier run of the sweep) had read them at this version.</summary>
    public int AlreadyRead => Volatile.Read(ref _alreadyRead);

    /// <summary>Listed objects left unread because they had not changed since the last sampling.</summary>
    public int Unchanged => Volatile.Read(ref _unchanged);

    public int ListCalls => Volatile.Read(ref _listCalls);

    /// <summary>Containers whose changes came from a change log (Azure's change feed) instead of a walk of their keyspace.</summary>
    public int FromChangeLog => Volatile.Read(ref _fromChangeLog);

    public void CountRead() => Interlocked.Increment(ref _read);

    public void CountChosen(int changed, int rechecked, int unchanged)
    {
        Interlocked.Add(ref _changed, changed);
        Interlocked.Add(ref _rechecked, rechecked);
        Interlocked.Add(ref _unchanged, unchanged);
    }

    public void CountAlreadyRead() => Interlocked.Increment(ref _alreadyRead);

    public void CountListCalls(int calls) => Interlocked.Add(ref _listCalls, calls);

    public void CountFromChangeLog() => Interlocked.Increment(ref _fromChangeLog);

    /// <summary>"read 2 object(s) (0 new or changed, 2 re-check(s)); 38 unchanged and 1 already read at their version … were not read again".</summary>
    public string Describe() =>
        $"read {Read} object(s) ({Changed} new or changed, {Rechecked} re-check(s)); {Unchanged} unchanged and {AlreadyRead} already read at their " +
        $"version (by an event or an earlier sweep) were not read again; {ListCalls} list call(s)" +
        (FromChangeLog > 0 ? $"; {FromChangeLog} container(s) found their changes in the change feed" : "");
}

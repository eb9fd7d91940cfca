namespace CloudAuditor.Hosting;

/// <summary>When a run of a sweep closes it (the fan-in: one digest per owner, the sweep summary).</summary>
public enum SweepClosing
{
    /// <summary>This run is the sweep (a CLI run, an event): close when it ends, naming any shard left unfinished.</summary>
    AtEnd,

    /// <summary>This run is one shard of many (a queue message): close only when the ledger shows every shard done.</summary>
    WhenAllShardsDone,
}

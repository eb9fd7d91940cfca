namespace CloudAuditor.Core.Model;

/// <summary>What an unauthenticated request actually got: the proof behind an exposure finding.</summary>
public sealed record AnonymousProbe(ProbeOutcome Outcome, string Request, int? HttpStatus, string Summary)
{
    public static readonly AnonymousProbe NotAttempted = new(ProbeOutcome.NotAttempted, "", null, "no anonymous request was made");

    public bool ProvedPublic => Outcome == ProbeOutcome.Allowed;

    /// <summary>Why a probe that was attempted got no readable answer (throttled, no connection); null otherwise.</summary>
    public Faults.Fault? Fault { get; init; }

    /// <summary>The probe as a read of its subject: a probe that got no answer leaves the exposure proof unread.</summary>
    public IObservation Observation => Fault is { } fault ? Observed<AnonymousProbe>.Failed(fault with { Reason = $"anonymous probe: {Summary}" })
        : Observed<AnonymousProbe>.Of(this);

    public IEnumerable<KeyValuePair<string, string>> AsEvidence()
    {
        if (Outcome == ProbeOutcome.NotAttempted) yield break;
        yield return new("anonymousProbe", Outcome.ToString().ToLowerInvariant());
        yield return new("anonymousProbeRequest", Request);
        if (HttpStatus is { } status) yield return new("anonymousProbeStatus", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("anonymousProbeResult", Summary);
    }
}

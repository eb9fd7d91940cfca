namespace CloudAuditor.Core.Model;

/// <summary>What an unauthenticated request actually got: the proof behind an exposure finding.</summary>
public sealed record AnonymousProbe(ProbeOutcome Outcome, string Request, int? HttpStatus, string Summary)
{
    public static readonly AnonymousProbe NotAttempted = new(ProbeOutcome.NotAttempted, "", null, "no anonymous request was made");

    public bool ProvedPublic => Outcome == ProbeOutcome.Allowed;

    public IEnumerable<KeyValuePair<string, string>> AsEvidence()
    {
        if (Outcome == ProbeOutcome.NotAttempted) yield break;
        yield return new("anonymousProbe", Outcome.ToString().ToLowerInvariant());
        yield return new("anonymousProbeRequest", Request);
        if (HttpStatus is { } status) yield return new("anonymousProbeStatus", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("anonymousProbeResult", Summary);
    }
}

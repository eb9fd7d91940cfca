namespace CloudAuditor.SensitiveData.Classification;

/// <summary>
/// How urgently a container's content needs looking at, 0-100 (like Macie's sensitivity score): the kind of data found sets the
/// base (credentials 70, card/SSN/IBAN 55, other personal data 30, nothing 0), then volume (up to 15, logarithmic in the values
/// found), prevalence (up to 10, the share of sampled objects with findings) and public readability (20) raise it.
/// </summary>
public static class SensitivityScore
{
    public static int Of(ContentProfile profile, bool publiclyReadable)
    {
        var kind = profile.HasSecrets ? 70 : profile.HasHighRiskPii ? 55 : profile.Total > 0 ? 30 : 0;
        if (kind == 0) return 0;
        var volume = Math.Min(15, 5 * Math.Log10(1 + profile.Total));
        var prevalence = profile.ObjectsSampled == 0 ? 0 : 10.0 * profile.ObjectsWithFindings / profile.ObjectsSampled;
        return (int)Math.Min(100, Math.Round(kind + volume + prevalence + (publiclyReadable ? 20 : 0)));
    }
}

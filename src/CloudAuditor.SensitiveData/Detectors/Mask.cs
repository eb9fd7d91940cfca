namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Masking rules: enough to recognise a value you already know, never enough to recover it.</summary>
public static class Mask
{
    /// <summary>Keep the last <paramref name="visible"/> digits, replace the others, keep separators.</summary>
    public static string KeepLastDigits(ReadOnlySpan<char> value, int visible)
    {
        var digits = 0;
        foreach (var c in value) if (char.IsAsciiDigit(c)) digits++;
        var chars = new char[value.Length];
        var seen = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c)) chars[i] = ++seen > digits - visible ? c : '*';
            else chars[i] = c;
        }
        return new string(chars);
    }

    /// <summary>A secret's recognisable prefix (its kind), then stars: never any of its secret part.</summary>
    public static string Prefix(ReadOnlySpan<char> value, int keep) =>
        string.Concat(value[..Math.Min(keep, value.Length)], "…", "[redacted]");
}

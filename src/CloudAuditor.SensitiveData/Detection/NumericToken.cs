namespace CloudAuditor.SensitiveData.Detection;

/// <summary>
/// A run of digits joined by short separators (" ", "-", ".", "(", ")"), with a leading "+" or "(" kept:
/// the only places card, SSN, phone, IPv4 and IBAN patterns can match. Found once per text and shared.
/// </summary>
public readonly record struct NumericToken(int Start, int End, int Digits, int Dots, bool Plus, bool CountryCodeBefore)
{
    /// <summary>No detector wants fewer digits (the shortest IPv4 has four); most tokens in logs are shorter.</summary>
    private const int MinDigits = 4;

    public static void ForEach<TState>(ReadOnlySpan<char> text, ref TState state, TokenAction<TState> action)
    {
        var position = 0;
        while (position < text.Length)
        {
            var next = text[position..].IndexOfAnyInRange('0', '9');
            if (next < 0) return;
            var first = position + next;
            var start = first > 0 && text[first - 1] is '+' or '(' ? first - 1 : first;
            int digits = 0, dots = 0, i = first;
            while (i < text.Length)
            {
                if (char.IsAsciiDigit(text[i])) { digits++; i++; continue; }
                var run = 0;
                while (run < 2 && i + run < text.Length && text[i + run] is ' ' or '-' or '.' or '(' or ')') run++;
                if (run == 0 || i + run >= text.Length || !char.IsAsciiDigit(text[i + run])) break;
                for (var k = 0; k < run; k++) if (text[i + k] == '.') dots++;
                i += run;
            }
            var countryCode = StartsWithCountryCode(text, first);
            if (digits >= MinDigits || countryCode) action(text, new NumericToken(start, i, digits, dots, start < first && text[start] == '+', countryCode), ref state);
            position = i + 1;
        }
    }

    /// <summary>Two capitals that begin a word right before the digits ("DE89"), not the tail of a base64 or base32 blob.</summary>
    private static bool StartsWithCountryCode(ReadOnlySpan<char> text, int first) =>
        first >= 2 && char.IsAsciiLetterUpper(text[first - 1]) && char.IsAsciiLetterUpper(text[first - 2])
        && (first == 2 || !char.IsAsciiLetterOrDigit(text[first - 3]));
}

public delegate void TokenAction<TState>(ReadOnlySpan<char> text, NumericToken token, ref TState state);

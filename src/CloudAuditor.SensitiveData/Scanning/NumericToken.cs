namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// A run of digits joined by short separators (" ", "-", ".", "(", ")"), with a leading "+" or "(" kept:
/// the only places card, SSN, phone, IPv4 and IBAN patterns can match. Found once per text and shared. A number
/// written with dashes ends at the next space ("536-22-8726 4111111111111111" is two numbers), while a space before
/// dashes stays inside one ("+1 555-123-4567", "(555) 123-4567").
/// </summary>
/// <param name="Start">Where the token begins, at its leading "+" or "(" if it has one.</param>
/// <param name="First">Its first digit.</param>
public readonly record struct NumericToken(int Start, int First, int End, int Digits, int Dots, bool Plus, bool CountryCodeBefore)
{
    /// <summary>From the first digit to the last, how many characters are not digits (separators).</summary>
    public int Separators => End - First - Digits;

    /// <summary>No detector wants fewer digits (the shortest IPv4 has four); most tokens in logs are shorter.</summary>
    private const int MinDigits = 4;

    /// <summary>
    /// Calls <paramref name="action"/> for each token that starts in [<paramref name="from"/>, <paramref name="to"/>).
    /// Tokenising starts at the beginning of the text, so a token is cut the same way whichever window of a stream
    /// holds it; tokens past <paramref name="to"/> still end where the text says.
    /// </summary>
    public static void ForEach<TState>(ReadOnlySpan<char> text, int from, int to, ref TState state, TokenAction<TState> action)
    {
        var digits = new DigitBlocks(text);
        var position = 0;
        while (position < text.Length)
        {
            var first = digits.NextTokenStart(position);
            if (first == text.Length) return;
            var start = first > 0 && text[first - 1] is '+' or '(' ? first - 1 : first;
            if (start >= to) return;
            int count = 0, dots = 0, i = first;
            var dashed = false;
            while (true)
            {
                var runEnd = digits.Next(i, digit: false);
                count += runEnd - i;
                i = runEnd;
                var run = 0;
                while (run < 2 && i + run < text.Length && text[i + run] is ' ' or '-' or '.' or '(' or ')') run++;
                if (run == 0 || i + run >= text.Length || !char.IsAsciiDigit(text[i + run])) break;
                var separators = text.Slice(i, run);
                if (dashed && separators.Contains(' ')) break;
                dashed |= separators.Contains('-');
                for (var k = 0; k < run; k++) if (text[i + k] == '.') dots++;
                i += run;
            }
            var countryCode = StartsWithCountryCode(text, first);
            if ((count >= MinDigits || countryCode) && start >= from)
                action(text, new NumericToken(start, first, i, count, dots, start < first && text[start] == '+', countryCode), ref state);
            position = i + 1;
        }
    }

    /// <summary>Two capitals that begin a word right before the digits ("DE89"), not the tail of a base64 or base32 blob.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool StartsWithCountryCode(ReadOnlySpan<char> text, int first) =>
        first >= 2 && char.IsAsciiLetterUpper(text[first - 1]) && char.IsAsciiLetterUpper(text[first - 2])
        && (first == 2 || !char.IsAsciiLetterOrDigit(text[first - 3]));
}

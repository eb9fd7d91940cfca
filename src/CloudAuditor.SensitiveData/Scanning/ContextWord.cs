namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Where a context word counts: at the start of a word, case-insensitive ("SSN", "mobile_phone", "MobilePhone", "routing: "), never
/// inside one ("tin" in "routing", "ssn" in "classname"). The end is free, so "PhoneNumber" and "ssn_last4" still count.
/// </summary>
public static class ContextWord
{
    public static bool In(ReadOnlySpan<char> text, string word)
    {
        var from = 0;
        while (from <= text.Length - word.Length)
        {
            var found = text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return false;
            var at = from + found;
            if (at == 0 || !char.IsAsciiLetter(text[at - 1]) || char.IsAsciiLetterLower(text[at - 1]) && char.IsAsciiLetterUpper(text[at])) return true;
            from = at + 1;
        }
        return false;
    }

    public static bool AnyIn(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words) if (In(text, word)) return true;
        return false;
    }
}

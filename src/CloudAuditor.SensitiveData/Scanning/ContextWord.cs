using System.Buffers;
using System.Runtime.CompilerServices;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Where a context word counts: at the start of a word, case-insensitive ("SSN", "mobile_phone", "MobilePhone", "routing: "), never
/// inside one ("tin" in "routing", "ssn" in "classname"). The end is free, so "PhoneNumber" and "ssn_last4" still count. A detector's
/// word list is searched in one vectorised pass (its SearchValues built once per list): dates and ids in logs ask this constantly.
/// </summary>
public static class ContextWord
{
    private static readonly ConditionalWeakTable<string[], SearchValues<string>> Searches = [];

    /// <param name="words">A detector's static list: the search for it is built once and kept with the array.</param>
    public static bool AnyIn(ReadOnlySpan<char> text, string[] words)
    {
        var search = Searches.GetValue(words, static w => SearchValues.Create(w, StringComparison.OrdinalIgnoreCase));
        var from = 0;
        while (from < text.Length)
        {
            var found = text[from..].IndexOfAny(search);
            if (found < 0) return false;
            var at = from + found;
            if (at == 0 || !char.IsAsciiLetter(text[at - 1]) || char.IsAsciiLetterLower(text[at - 1]) && char.IsAsciiLetterUpper(text[at])) return true;
            from = at + 1;
        }
        return false;
    }
}

using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>The block-wise digit scan must cut exactly the tokens the definition describes, wherever blocks fall.</summary>
public partial class NumericTokenTests
{
    private static readonly string[] Fragments =
        ["1", "23", "4567", "0", " ", "-", ".", "(", ")", "+", "DE", "x", "é", "٣", "\n", "  ", "ab ", "f3", "T", "9c0d"];

    [Fact]
    public void Tokens_match_their_definition_at_every_length_and_block_boundary()
    {
        var random = new Random(11);
        for (var round = 0; round < 2000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 120)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            var found = new List<NumericToken>();
            NumericToken.ForEach(text, 0, text.Length, ref found, static (_, token, ref list) => list.Add(token));
            Assert.True(Definition(text).SequenceEqual(found), text.Replace("\n", "\\n"));
        }
    }

    [Fact]
    public void A_token_spans_a_block_boundary()
    {
        var text = new string('x', 60) + "4111 1111 1111 1111 end";
        var found = new List<NumericToken>();
        NumericToken.ForEach(text, 0, text.Length, ref found, static (_, token, ref list) => list.Add(token));
        Assert.Equal(new NumericToken(60, 60, 79, 16, 0, false, false), Assert.Single(found));
    }

    /// <summary>
    /// ASCII digit runs joined by one or two of " -.()", a leading "+" or "(" kept, reported from four digits or
    /// when two capitals start a word right before the digits (an IBAN's country).
    /// </summary>
    private static List<NumericToken> Definition(string text)
    {
        var tokens = new List<NumericToken>();
        foreach (Match match in TokenPattern().Matches(text))
        {
            var first = match.Index;
            var start = first > 0 && text[first - 1] is '+' or '(' ? first - 1 : first;
            var digits = match.Value.Count(char.IsAsciiDigit);
            var countryCode = CountryCodeBefore().IsMatch(text[..first]);
            if (digits >= 4 || countryCode)
                tokens.Add(new NumericToken(start, first, match.Index + match.Length, digits, match.Value.Count(c => c == '.'), start < first
                    && text[start] == '+', countryCode));
        }
        return tokens;
    }

    // Runs without a dash may hold spaces; from the first run with a dash on, no run may hold a space.
    [GeneratedRegex(@"[0-9]+(?:[ .()]{1,2}[0-9]+)*(?:(?:-[ .()-]?|[ .()]-)[0-9]+(?:[.()-]{1,2}[0-9]+)*)?")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\z")]
    private static partial Regex CountryCodeBefore();
}

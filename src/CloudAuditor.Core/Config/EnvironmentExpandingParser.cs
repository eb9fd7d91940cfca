using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CloudAuditor.Core.Config;

/// <summary>
/// ${NAME} pulls secrets from the environment so they never sit in the file. It is resolved after parsing, in scalar
/// values only: a value holding '#', quotes, ': ' or a newline arrives intact and can never change the document's
/// structure, a ${NAME} in a comment is just a comment, and mapping keys are left as written.
/// </summary>
internal sealed partial class EnvironmentExpandingParser(IParser inner, string source) : IParser
{
    /// <summary>Per open collection: in a mapping, whether the next node is a key (true) or a value (false); null in a sequence.</summary>
    private readonly Stack<bool?> _expectingKey = new();

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            Current = null;
            return false;
        }
        Current = inner.Current switch
        {
            Scalar scalar => Expand(scalar),
            MappingStart start => Open(start, expectingKey: true),
            SequenceStart start => Open(start, expectingKey: null),
            MappingEnd or SequenceEnd => Close(inner.Current!),
            AnchorAlias alias => NodeDone(alias),
            var other => other,
        };
        return true;
    }

    private ParsingEvent Open(ParsingEvent start, bool? expectingKey)
    {
        NodeDone(start);
        _expectingKey.Push(expectingKey);
        return start;
    }

    private ParsingEvent Close(ParsingEvent end)
    {
        _expectingKey.Pop();
        return end;
    }

    /// <summary>A node was read: in a mapping, the next one is a value after a key and a key after a value.</summary>
    private ParsingEvent NodeDone(ParsingEvent node)
    {
        if (_expectingKey.TryPeek(out var expecting) && expecting is { } key)
        {
            _expectingKey.Pop();
            _expectingKey.Push(!key);
        }
        return node;
    }

    private ParsingEvent Expand(Scalar scalar)
    {
        var isKey = _expectingKey.TryPeek(out var expecting) && expecting == true;
        NodeDone(scalar);
        if (isKey || !Reference().IsMatch(scalar.Value)) return scalar;
        var value = Reference().Replace(scalar.Value, match => Environment.GetEnvironmentVariable(match.Groups[1].Value)
            ?? throw new ConfigException($"{source} line {scalar.Start.Line} refers to environment variable {match.Groups[1].Value}, which is not set."));
        return new Scalar(scalar.Anchor, scalar.Tag, value, scalar.Style, scalar.IsPlainImplicit, scalar.IsQuotedImplicit, scalar.Start, scalar.End);
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}

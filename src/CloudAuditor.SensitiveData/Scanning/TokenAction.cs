namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Called for each numeric token of a text; the state is passed by reference so callers need no closure.</summary>
public delegate void TokenAction<TState>(ReadOnlySpan<char> text, NumericToken token, ref TState state);

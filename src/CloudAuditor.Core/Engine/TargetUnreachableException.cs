using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Engine;

/// <summary>The whole target could not be audited (no connection, credentials refused): nothing in it was read.</summary>
public sealed class TargetUnreachableException(string context, Fault fault, Exception? inner = null) : Exception($"{context}: {fault.Reason}", inner)
{
    public Fault Fault => fault;
}

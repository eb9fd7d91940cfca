namespace CloudAuditor.Core.Faults;

/// <summary>Carries a fault a provider has already classified, so callers need not know the SDK that raised it.</summary>
public sealed class FaultException(Fault fault, Exception? inner = null) : Exception(fault.Reason, inner)
{
    public Fault Fault => fault;
}

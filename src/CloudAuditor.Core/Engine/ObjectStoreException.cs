using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Engine;

/// <summary>A provider could not list or read objects; the fault names the status, never content.</summary>
public sealed class ObjectStoreException(Fault fault, Exception? inner = null) : Exception(fault.Reason, inner)
{
    public Fault Fault => fault;
}

using System.Buffers;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Where decoded text is written as it streams: a detector window, or a parser (CSV) that feeds windows per field.</summary>
public interface ITextSink : IBufferWriter<char>
{
    /// <summary>The text has ended: scan what is held back.</summary>
    void Complete();
}

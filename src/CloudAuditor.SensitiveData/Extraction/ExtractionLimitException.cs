namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>A limit was hit: the object gets an error finding saying which, and the scan of it stops cleanly.</summary>
/// <param name="wholeObject">
/// The limit is the object's, not one member's (total expansion, entries, time, memory): the scan of the whole object
/// stops, instead of every further member hitting it again.
/// </param>
public sealed class ExtractionLimitException(string message, bool wholeObject = false) : Exception(message)
{
    public bool WholeObject => wholeObject;
}

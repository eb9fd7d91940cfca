using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Text of a PDF's pages in reading order (PdfPig), up to a page limit.</summary>
internal static class PdfText
{
    public static string Extract(byte[] data, int maxPages)
    {
        using var pdf = PdfDocument.Open(data);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages().Take(maxPages)) text.AppendLine(ContentOrderTextExtractor.GetText(page));
        return text.ToString();
    }
}

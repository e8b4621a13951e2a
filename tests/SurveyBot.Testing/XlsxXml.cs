using System.IO.Compression;

namespace SurveyBot.Testing;

/// <summary>The raw worksheet XML of an XLSX file, to check what kind of cell a value was written as.</summary>
public static class XlsxXml
{
    public static IReadOnlyList<string> Sheets(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e =>
            {
                using var reader = new StreamReader(e.Open());
                return reader.ReadToEnd();
            }).ToList();
    }
}

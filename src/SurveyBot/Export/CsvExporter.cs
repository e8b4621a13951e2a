using System.Text;
using CsvHelper;

namespace SurveyBot.Export;

/// <summary>Writes the results table as RFC 4180 CSV in UTF-8 with a BOM, so Excel opens Korean text intact.</summary>
public static class CsvExporter
{
    /// <summary>RFC 4180, and text that a spreadsheet would run as a formula is escaped with a leading apostrophe.</summary>
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(ResultTable table, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = CsvWriter.Create(text, Options, leaveOpen: true);
        csv.WriteHeader([.. table.Columns]);
        await foreach (var row in table.RowsAsync(cancellationToken))
        {
            foreach (var cell in row) csv.WriteField(cell);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}

using System.Text;
using CsvHelper;

namespace SurveyBot.Export;

/// <summary>Writes the results table as RFC 4180 CSV in UTF-8 with a BOM, so Excel opens Korean text intact.</summary>
public static class CsvExporter
{
    /// <summary>
    /// RFC 4180. Formula-like text is escaped by <see cref="ExportCell.Neutralise"/> rather than CsvHelper's
    /// injection option, which would also prefix a negative number and make it text.
    /// </summary>
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.None };

    public static async Task WriteAsync(ResultTable table, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = CsvWriter.Create(text, Options, leaveOpen: true);
        csv.WriteHeader([.. table.Columns]);
        await foreach (var row in table.RowsAsync(cancellationToken))
        {
            foreach (var cell in row) csv.WriteField(ExportCell.Neutralise(cell));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}

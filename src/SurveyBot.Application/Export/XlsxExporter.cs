using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace SurveyBot.Export;

/// <summary>
/// Writes the results as an Excel workbook with MiniExcel, rows streamed from the database: sheet
/// <c>data</c> (codes), sheet <c>labelled</c> (value labels in place of codes) and sheet
/// <c>codebook</c>. Numeric columns are written as numbers. Text is written as it was given: an XLSX
/// string cell is never a formula (a formula is its own <c>&lt;f&gt;</c> element), so nothing here could run,
/// and an apostrophe would only be a literal character in the data.
/// </summary>
public static class XlsxExporter
{
    public const string DataSheet = "data";
    public const string LabelledSheet = "labelled";
    public const string CodebookSheet = "codebook";

    private static readonly string[] CodebookColumns = ["column", "spss_name", "kind", "label", "values", "missing", "asked_when", "screen_out_if", "question"];

    public static async Task WriteAsync(ResultTable table, IReadOnlyList<ExportVariable> variables, Stream destination, CancellationToken cancellationToken = default)
    {
        var sheets = new Dictionary<string, object>
        {
            [DataSheet] = Rows(table, variables, labelled: false, cancellationToken),
            [LabelledSheet] = Rows(table, variables, labelled: true, cancellationToken),
            [CodebookSheet] = Codebook(variables),
        };
        var configuration = new OpenXmlConfiguration { EnableAutoWidth = false, FastMode = false };
        await destination.SaveAsAsync(sheets, printHeader: false, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The header is the first row, written as data, so a sheet keeps its columns even with no
    /// respondent; every row has the same keys in the same order.
    /// </summary>
    private static IEnumerable<IDictionary<string, object?>> Rows(ResultTable table, IReadOnlyList<ExportVariable> variables, bool labelled, CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        yield return Row(columns, i => columns[i]);
        foreach (var row in table.RowsAsync(cancellationToken).ToBlockingEnumerable(cancellationToken))
            yield return Row(columns, i => Cell(variables[i], row[i], labelled));
    }

    private static object? Cell(ExportVariable variable, string? value, bool labelled)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (variable.IsNumeric && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            if (labelled && number is >= int.MinValue and <= int.MaxValue && variable.LabelOf((int)number) is { } label) return label;
            return number;
        }
        if (variable.IsNumeric && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        return value;
    }

    private static IEnumerable<IDictionary<string, object?>> Codebook(IReadOnlyList<ExportVariable> variables)
    {
        yield return Row(CodebookColumns, i => CodebookColumns[i]);
        foreach (var v in variables)
        {
            object?[] cells =
            [
                v.Column, v.Name, v.Kind, v.Label, CodebookWriter.Values(v), CodebookWriter.Missing(v), v.AskedWhen, v.ScreenOutIf, v.QuestionText,
            ];
            yield return Row(CodebookColumns, i => cells[i]);
        }
    }

    private static Dictionary<string, object?> Row(IReadOnlyList<string> keys, Func<int, object?> cell)
    {
        var row = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) row[keys[i]] = cell(i);
        return row;
    }
}

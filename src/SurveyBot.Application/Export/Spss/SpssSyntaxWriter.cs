using System.Globalization;
using System.Text;

namespace SurveyBot.Export.Spss;

/// <summary>
/// Writes SPSS syntax (.sps, UTF-8) that reads the CSV export with GET DATA and applies the flow's
/// variable labels, value labels and user-missing codes. Runs in SPSS and in GNU PSPP.
/// </summary>
public static class SpssSyntaxWriter
{
    private const int MaxLabelBytes = 255;
    private const int MaxValueLabelBytes = 120;

    /// <summary>
    /// <paramref name="csvFileName"/> is written as given (normally the bare file name, so the syntax
    /// runs from the folder holding both files). <paramref name="textWidths"/> sizes the string columns;
    /// one byte is added for the apostrophe the CSV puts before formula-like text.
    /// </summary>
    public static async Task WriteAsync(string title, string csvFileName, IReadOnlyList<ExportVariable> variables, IReadOnlyDictionary<string, int> textWidths,
        Stream destination, CancellationToken cancellationToken = default)
    {
        var sps = new StringBuilder();
        sps.AppendLine("* Encoding: UTF-8.");
        sps.AppendLine($"* {OneLine(title)}: written by SurveyBot. Run it from the folder that holds {OneLine(csvFileName)}.");
        sps.AppendLine("GET DATA");
        sps.AppendLine("  /TYPE=TXT");
        sps.AppendLine($"  /FILE={Quote(csvFileName)}");
        sps.AppendLine("  /ENCODING='UTF8'");
        sps.AppendLine("  /ARRANGEMENT=DELIMITED");
        sps.AppendLine("  /DELCASE=LINE");
        sps.AppendLine("  /FIRSTCASE=2");
        sps.AppendLine("  /DELIMITERS=','");
        sps.AppendLine("  /QUALIFIER='\"'");
        sps.AppendLine("  /VARIABLES=");
        foreach (var v in variables)
            sps.AppendLine($"    {v.Name} {(v.IsNumeric ? "F8.0" : "A" + Math.Clamp(textWidths.GetValueOrDefault(v.Column) + 1, 8, 32767).ToString(CultureInfo.InvariantCulture))}");
        sps.AppendLine(".");

        sps.AppendLine("VARIABLE LABELS");
        sps.AppendLine(string.Join("\n", variables.Select((v, i) => $"  {(i == 0 ? "" : "/")}{v.Name} {Quote(Cut(OneLine(v.Label), MaxLabelBytes))}")));
        sps.AppendLine(".");

        var labelled = variables.Where(v => v.IsNumeric && v.ValueLabels.Count > 0).ToList();
        if (labelled.Count > 0)
        {
            sps.AppendLine("VALUE LABELS");
            foreach (var v in labelled)
                sps.AppendLine($"  /{v.Name} " + string.Join(" ", v.ValueLabels.Select(l => $"{l.Value.ToString(CultureInfo.InvariantCulture)} {Quote(Cut(OneLine(l.Label), MaxValueLabelBytes))}")));
            sps.AppendLine(".");
        }

        foreach (var group in variables.Where(v => v.IsNumeric && v.MissingValues.Count > 0).GroupBy(v => string.Join(", ", v.MissingValues.Take(3))))
            sps.AppendLine($"MISSING VALUES {string.Join(" ", group.Select(v => v.Name))} ({group.Key}).");
        foreach (var level in variables.GroupBy(v => v.Level).OrderBy(g => g.Key))
            sps.AppendLine($"VARIABLE LEVEL {string.Join(" ", level.Select(v => v.Name))} ({level.Key.ToString().ToUpperInvariant()}).");
        sps.AppendLine("EXECUTE.");

        await using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.NewLine = "\n";
        await writer.WriteAsync(sps.Replace("\r\n", "\n").ToString().AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Cuts text to at most <paramref name="maxBytes"/> UTF-8 bytes without splitting a character.</summary>
    private static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var end = text.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > maxBytes) end--;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }
}

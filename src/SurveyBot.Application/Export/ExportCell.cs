using System.Globalization;

namespace SurveyBot.Export;

/// <summary>Cell hygiene for the CSV exports, the one format whose text a spreadsheet may run as a formula.</summary>
public static class ExportCell
{
    /// <summary>
    /// Neutralises text a spreadsheet would run as a formula (leading <c>= + - @</c>, tab or carriage
    /// return) by prefixing an apostrophe, so a hostile open answer stays text. A plain number (<c>-3</c>,
    /// <c>+1.5</c>) is left alone: it runs nothing, and an apostrophe would turn it into text.
    /// </summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value) ? "'" + value : value;

    private static bool IsPlainNumber(string value) =>
        value[0] is '+' or '-' && value.Length > 1 && char.IsAsciiDigit(value[^1])
        && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}

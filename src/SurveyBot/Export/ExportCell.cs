namespace SurveyBot.Export;

/// <summary>Cell hygiene shared by the spreadsheet-bound exports.</summary>
public static class ExportCell
{
    /// <summary>
    /// Neutralises text a spreadsheet would run as a formula (leading <c>= + - @</c>, tab or carriage
    /// return) by prefixing an apostrophe, so a hostile open answer stays text.
    /// </summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}

using System.Globalization;
using System.Text;
using CsvHelper;
using SurveyBot.Results.Outcomes;

namespace SurveyBot.Export;

/// <summary>Writes the case file: one row per case with its AAPOR final disposition, as UTF-8 CSV with a BOM.</summary>
public static class CasesExporter
{
    public static readonly string[] Columns =
        ["case_id", "respondent_id", "source", "disposition", "disposition_label", "invited_at", "first_contact_at", "started_at", "ended_at", "reminders"];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.None };

    public static async Task WriteAsync(IEnumerable<FieldworkCase> cases, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = CsvWriter.Create(text, Options, leaveOpen: true);
        csv.WriteHeader(Columns);
        foreach (var c in cases)
        {
            csv.WriteField(c.CaseId);
            csv.WriteField(c.RespondentId);
            // A source is staff-typed ([A-Za-z][A-Za-z0-9_-]*), but neutralised all the same.
            csv.WriteField(ExportCell.Neutralise(c.Source));
            csv.WriteField(c.Disposition.Code);
            csv.WriteField(c.Disposition.Label);
            csv.WriteField(Iso(c.InvitedAt));
            csv.WriteField(Iso(c.FirstContactAt));
            csv.WriteField(Iso(c.StartedAt));
            csv.WriteField(Iso(c.EndedAt));
            csv.WriteField(c.Reminders.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    internal static string? Iso(DateTime? utc) =>
        utc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}

using System.Globalization;
using System.Text;
using SurveyBot.Engine.Definition;
using SurveyBot.Retention;

namespace SurveyBot.Export;

/// <summary>
/// Writes the codebook as Markdown: the metadata columns, then every question with its full text,
/// its routing (show_if, screen_out_if) and each of its columns with label, values and missing codes;
/// then the quality flags, and the columns of the paradata and case files; last, the retention settings in force
/// when it was written, so a data user knows what was kept beside the results.
/// </summary>
public static class CodebookWriter
{
    public static async Task WriteAsync(FlowDefinition flow, IReadOnlyList<ExportVariable> variables, Stream destination, RetentionOptions? retention = null, CancellationToken cancellationToken = default)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {flow.Title}: codebook");
        md.AppendLine();
        md.AppendLine($"Flow `{flow.Id}` version {flow.Version.ToString(CultureInfo.InvariantCulture)}, {variables.Count.ToString(CultureInfo.InvariantCulture)} columns in this order in every export " +
                      "(CSV, XLSX, SPSS). Unanswered cells are empty (system-missing in SPSS). Option codes are the seed's circled numbers (① = 1).");
        md.AppendLine();
        md.AppendLine("## Metadata columns");
        md.AppendLine();
        md.AppendLine("| column | SPSS name | type | meaning |");
        md.AppendLine("|---|---|---|---|");
        foreach (var v in variables.Where(v => v.NodeCode is null && v.Kind != QualityKind))
            md.AppendLine($"| `{v.Column}` | {v.Name} | {(v.IsNumeric ? "number" : "text")} | {Cell(v.Label)} |");
        if (flow.Quotas.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Quotas");
            md.AppendLine();
            foreach (var quota in flow.Quotas)
            {
                md.AppendLine($"- `{quota.Code}`: completed interviews per cell of {string.Join(" × ", quota.Variables.Select(v => $"`{v}`"))}, " +
                              $"{quota.Target.ToString(CultureInfo.InvariantCulture)} per cell{(quota.Cells.Count > 0 ? $" ({quota.Cells.Count.ToString(CultureInfo.InvariantCulture)} cells with their own target)" : "")}; " +
                              "a respondent whose cell is full when it becomes known ends with status `quota_full`, `screened_out_at` = the question just answered");
            }
        }
        md.AppendLine();
        md.AppendLine("## Questions");
        foreach (var node in flow.Questions)
        {
            var columns = variables.Where(v => v.NodeCode == node.Code && v.Kind != QualityKind).ToList();
            if (columns.Count == 0) continue;
            md.AppendLine();
            md.AppendLine($"### {node.Code} ({node.Kind.Name})");
            md.AppendLine();
            if (node.Section is { } section) md.AppendLine($"Section: {Cell(section)}").AppendLine();
            foreach (var line in node.Text.Split('\n')) md.AppendLine("> " + line.TrimEnd());
            md.AppendLine();
            md.AppendLine($"- Asked: {(node.ShowIf is { } showIf ? $"when `{showIf.Source}`" : "always (when reached)")}");
            if (node.Kind.CodebookNote(node) is { } note) md.AppendLine("- " + note);
            if (node.ScreenOutIf is { } screenOut) md.AppendLine($"- Ends the interview (status `screened_out`, `screened_out_at` = {node.Code}) when `{screenOut.Source}`");
            if (node.Rotate) md.AppendLine($"- Options rotated (cyclic); the order shown is stored in `{node.OrderColumn}`");
            md.AppendLine();
            md.AppendLine("| column | SPSS name | type | label | values | missing | asked when |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var v in columns)
                md.AppendLine($"| `{v.Column}` | {v.Name} | {(v.IsNumeric ? "number" : "text")} | {Cell(v.Label)} | {Cell(Values(v) ?? "")} | {Cell(Missing(v) ?? "")} | {Cell(v.AskedWhen ?? "")} |");
        }
        AppendQuality(md, flow, variables);
        AppendParadataAndCases(md);
        AppendRetention(md, retention);
        await using var writer = new StreamWriter(destination, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(md.ToString().AsMemory(), cancellationToken);
    }

    private static void AppendRetention(StringBuilder md, RetentionOptions? retention)
    {
        md.AppendLine();
        md.AppendLine("## Data retention");
        md.AppendLine();
        if (retention is null)
        {
            md.AppendLine("The program that wrote this codebook was given no retention settings.");
            return;
        }
        string Days(int days) => days.ToString(CultureInfo.InvariantCulture);
        md.AppendLine("Settings in force when this codebook was written. Answers and respondents are kept until the survey's database is deleted " +
                      "or a respondent erases them (/delete, `erase`); no Telegram id or name is part of any export. The bot's message tables are pruned:");
        md.AppendLine();
        md.AppendLine("| what | kept | setting |");
        md.AppendLine("|---|---|---|");
        md.AppendLine("| received updates (payload cleared when handled; names never stored) | " + Days(retention.InboxDays) + " days after handling | `Retention__InboxDays` |");
        md.AppendLine("| messages sent to respondents (questions, piped answers) | " + Days(retention.OutboxDays) + " days | `Retention__OutboxDays` |");
        md.AppendLine("| broadcast delivery records (chat ids, outcomes) | " + Days(retention.DeliveryDays) + " days after the broadcast ended | `Retention__DeliveryDays` |");
        md.AppendLine("| updates set aside after an error (reduced payload, for review) | " + Days(retention.SetAsideDays) + " days | `Retention__SetAsideDays` |");
        md.AppendLine();
        md.AppendLine("Pruned every " + retention.PruneIntervalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes (`Retention__PruneIntervalMinutes`); " +
                      "deleted bytes are overwritten (SQLite secure_delete) and the write-ahead log is truncated after each run and each erasure.");
    }

    private const string QualityKind = "quality";

    private static void AppendQuality(StringBuilder md, FlowDefinition flow, IReadOnlyList<ExportVariable> variables)
    {
        md.AppendLine();
        md.AppendLine("## Quality flags");
        md.AppendLine();
        md.AppendLine($"The last columns of every row, computed at export time (thresholds from the flow's `quality` section: speeder share " +
                      $"{flow.Quality.SpeederShare.ToString("0.##", CultureInfo.InvariantCulture)}, matrices of at least {flow.Quality.StraightlineMinItems.ToString(CultureInfo.InvariantCulture)} items).");
        md.AppendLine();
        md.AppendLine("| column | SPSS name | meaning | values |");
        md.AppendLine("|---|---|---|---|");
        foreach (var v in variables.Where(v => v.Kind == QualityKind))
            md.AppendLine($"| `{v.Column}` | {v.Name} | {Cell(v.Label)} | {Cell(QualityValues(v.Column))} |");
    }

    private static string QualityValues(string column) => column switch
    {
        QualityFlags.Speeder => "1 = completed in less than the share of the median completed duration, 0 = not; empty unless completed",
        QualityFlags.BackCount => "/back presses over the interview",
        QualityFlags.ItemNotApplicable => "answers given as the not-applicable code (비해당)",
        QualityFlags.ItemSkipped => "shown questions before the respondent's last answer that hold no answer",
        _ => "1 = every item answered with the same scale point (비해당 does not count), 0 = not; empty until every item is answered",
    };

    /// <summary>The two long files beside the wide export, described once for every flow.</summary>
    private static void AppendParadataAndCases(StringBuilder md)
    {
        md.AppendLine();
        md.AppendLine("## Paradata file (`export --format paradata`)");
        md.AppendLine();
        md.AppendLine("One row per answered question of every respondent (long), in respondent order, then by answer time. Info screens, recodes, " +
                      "rotation orders and answers stored before SurveyBot recorded paradata have no row.");
        md.AppendLine();
        md.AppendLine("| column | meaning |");
        md.AppendLine("|---|---|");
        md.AppendLine("| `respondent_id` | as in the wide export |");
        md.AppendLine("| `code` | the answered column (a question, matrix item, rank position or other-specify text) |");
        md.AppendLine("| `step` | its position among the shown steps of the flow (the n of \"n of m\"); an other-specify text takes its question's |");
        md.AppendLine("| `shown_at` | UTC, milliseconds: when the question was put in front of the respondent (its message queued for sending) |");
        md.AppendLine("| `answered_at` | UTC, milliseconds: when the answer was stored; for an open answer in several messages, its last piece |");
        md.AppendLine("| `seconds` | `answered_at` - `shown_at` |");
        md.AppendLine("| `visits` | times the question was shown: 1, plus one for each /back that left it or returned to it |");
        md.AppendLine("| `reminded` | 1 when a reminder went out while the question waited for its answer, else 0 |");
        md.AppendLine();
        md.AppendLine("## Case file (`export --format cases`)");
        md.AppendLine();
        md.AppendLine("One row per case: every interview, every single-use invitation link never used, and every chat a broadcast " +
                      "invitation went to that never started. `disposition` is the AAPOR final disposition code (Standard Definitions, " +
                      "10th edition, 2023), `disposition_label` its meaning; `invited_at`, `first_contact_at`, `started_at` and `ended_at` are UTC; " +
                      "`reminders` counts automatic reminders and staff reminders delivered. SurveyBot's docs/fieldwork.md has the table of codes.");
    }

    /// <summary>The values of a column in words: its value labels, else its valid range.</summary>
    public static string? Values(ExportVariable v)
    {
        var labels = v.ValueLabels.Where(l => !v.MissingValues.Contains(l.Value)).ToList();
        var range = v.Range is { } r ? $"{r.Min.ToString(CultureInfo.InvariantCulture)}-{r.Max.ToString(CultureInfo.InvariantCulture)}" : null;
        if (labels.Count == 0) return range;
        var text = string.Join(", ", labels.Select(l => $"{l.Value.ToString(CultureInfo.InvariantCulture)} = {l.Label}"));
        // Scales label only their ends: say which points lie between.
        return range is not null && labels.Count < v.Range!.Value.Max - v.Range.Value.Min + 1 ? $"{range} ({text})" : text;
    }

    public static string? Missing(ExportVariable v) =>
        v.MissingValues.Count == 0 ? null
            : string.Join(", ", v.MissingValues.Select(m => $"{m.ToString(CultureInfo.InvariantCulture)} = {v.LabelOf(m) ?? "missing"}"));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}

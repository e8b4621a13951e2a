using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Export;
using SurveyBot.Flows;
using SurveyBot.Results;
using SurveyBot.Retention;
using SurveyBot.Storage;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Renders an admin report (<see cref="OutboxReport"/>) into the messages that carry it: result files
/// written to a temporary folder, a chart PNG, or fieldwork counts split into messages. It only reads the
/// database (through its own contexts), and runs when the outbox row is sent, never inside the
/// transaction that handled the command.
/// </summary>
public sealed class ReportRenderer(IDbContextFactory<SurveyDbContext> databases, FlowCatalog flows, TimeProvider clock, IOptions<RetentionOptions> retention)
{
    /// <summary>The largest file a bot may upload to the public Bot API (sendDocument).</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    private readonly ConversationReplies _replies = ConversationReplies.Korean;

    public async Task<RenderedReport> RenderAsync(OutboxReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!flows.TryGet(report.Flow, out var flow))
            return new RenderedReport([new ReportPart(ReportPartKind.Message, string.Format(CultureInfo.InvariantCulture, _replies.UnknownFlow, report.Flow, FlowList()))]);
        if (report.Kind == ReportKind.Stats)
        {
            var summary = await new FieldworkStats(databases, flow.Definition).ComputeAsync(cancellationToken);
            return new RenderedReport(MessageChunks.Split(summary.ToFullText()).Select(text => new ReportPart(ReportPartKind.Message, text)).ToList());
        }

        var folder = Directory.CreateTempSubdirectory("surveybot-report-").FullName;
        try
        {
            var stamp = clock.GetUtcNow().UtcDateTime;
            var name = $"{flow.Id}-{stamp.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            var when = stamp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var version = $"{flow.Id} v{flow.Definition.Version.ToString(CultureInfo.InvariantCulture)}";
            List<ReportPart> parts;
            if (report.Kind == ReportKind.Chart)
            {
                var code = report.Code ?? "";
                var png = await new ChartRenderer(databases, flow.Definition).RenderPngAsync(code, cancellationToken);
                var path = Path.Combine(folder, $"{name}-{code}.png");
                await File.WriteAllBytesAsync(path, png, cancellationToken);
                parts = [new ReportPart(ReportPartKind.Photo, Caption(flow.Definition.Title, version, code, when), path, Path.GetFileName(path))];
            }
            else
            {
                parts = await ExportAsync(report.Format, new ResultExporter(databases, flow.Definition) { Retention = retention.Value }, folder, name, Caption(flow.Definition.Title, version, FormatName(report.Format), when), cancellationToken);
                parts = parts.Select(part => TooLarge(part, flow.Id, report.Format) ?? part).ToList();
            }
            return new RenderedReport(parts, folder);
        }
        catch
        {
            RenderedReport.DeleteFolder(folder);
            throw;
        }
    }

    private async Task<List<ReportPart>> ExportAsync(DownloadFormat format, ResultExporter exporter, string folder, string name, string caption, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case DownloadFormat.Spss:
                var sav = (await exporter.WriteFileAsync(ExportFormat.Sav, Path.Combine(folder, name + ".sav"), cancellationToken))[0];
                // The syntax file names the CSV it reads: both go out under the names written here.
                var syntax = await exporter.WriteFileAsync(ExportFormat.Sps, Path.Combine(folder, name + ".sps"), cancellationToken);
                var (sps, csv) = (syntax[0], syntax[1]);
                return
                [
                    Document(sav, caption),
                    Document(sps, string.Format(CultureInfo.InvariantCulture, _replies.SpssSyntaxCaption, Path.GetFileName(csv))),
                    Document(csv, null),
                ];
            default:
                var single = format switch
                {
                    DownloadFormat.Csv => ExportFormat.Csv,
                    DownloadFormat.Xlsx => ExportFormat.Xlsx,
                    DownloadFormat.Cases => ExportFormat.Cases,
                    DownloadFormat.Paradata => ExportFormat.Paradata,
                    _ => ExportFormat.Codebook,
                };
                var suffix = format is DownloadFormat.Cases or DownloadFormat.Paradata ? "-" + format.ToString().ToLowerInvariant() : "";
                var path = (await exporter.WriteFileAsync(single, Path.Combine(folder, $"{name}{suffix}.{ResultExporter.Extension(single)}"), cancellationToken))[0];
                return [Document(path, caption)];
        }
    }

    /// <summary>A file over the upload limit becomes a message saying how to get it instead.</summary>
    private ReportPart? TooLarge(ReportPart part, string flowId, DownloadFormat format)
    {
        if (part.FilePath is null) return null;
        var size = new FileInfo(part.FilePath).Length;
        if (size <= MaxUploadBytes) return null;
        var cliFormat = Path.GetExtension(part.FilePath).TrimStart('.') switch
        {
            "md" => "codebook",
            var extension when format == DownloadFormat.Spss && extension == "csv" => "sps",
            _ when format is DownloadFormat.Cases or DownloadFormat.Paradata => format.ToString().ToLowerInvariant(),
            var extension => extension,
        };
        return new ReportPart(ReportPartKind.Message, string.Format(CultureInfo.InvariantCulture, _replies.FileTooLarge, part.FileName, size / 1024.0 / 1024.0, flowId, cliFormat));
    }

    private static ReportPart Document(string path, string? caption) => new(ReportPartKind.Document, caption, path, Path.GetFileName(path));

    private string Caption(string title, string version, string what, string when) =>
        string.Format(CultureInfo.InvariantCulture, _replies.ReportCaption, title, version, what, when);

    /// <summary>How a download format is named to the admin.</summary>
    public static string FormatName(DownloadFormat format) => DownloadFormatNames.Korean(format);

    private string FlowList() => string.Join(", ", flows.All.Select(f => f.Id).Order(StringComparer.Ordinal));
}

using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Export.Spss;
using SurveyBot.Results.Outcomes;
using SurveyBot.Storage;

namespace SurveyBot.Export;

/// <summary>
/// Writes one flow's results in any <see cref="ExportFormat"/> to files, for the CLI and for the
/// channels that send files. Every format has the same columns in the same order for a flow version.
/// </summary>
public sealed class ResultExporter(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    public ResultTable Table { get; } = new(databases, flow);

    public IReadOnlyList<ExportVariable> Variables { get; } = ExportDictionary.For(flow);

    /// <summary>The retention settings the codebook states (those in force where it is written).</summary>
    public Retention.RetentionOptions? Retention { get; init; }

    /// <summary>The file extension of a format (the codebook is Markdown).</summary>
    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Codebook => "md",
        ExportFormat.Cases or ExportFormat.Paradata => "csv",
        _ => format.ToString().ToLowerInvariant(),
    };

    /// <summary>Where the CLI writes a format by default: <c>data/&lt;flow&gt;.&lt;extension&gt;</c>, the case and paradata files with their own suffix.</summary>
    public static string DefaultPath(string flowId, ExportFormat format) => format switch
    {
        ExportFormat.Cases or ExportFormat.Paradata => Path.Combine("data", $"{flowId}-{format.ToString().ToLowerInvariant()}.csv"),
        _ => Path.Combine("data", $"{flowId}.{Extension(format)}"),
    };

    /// <summary>
    /// Writes <paramref name="path"/>; for <see cref="ExportFormat.Sps"/> also the CSV it reads, beside
    /// it with the same name and <c>.csv</c>. Returns every file written.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteFileAsync(ExportFormat format, string path, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        if (format == ExportFormat.Sps)
        {
            var csvPath = Path.ChangeExtension(path, ".csv");
            await using (var csv = File.Create(csvPath)) await CsvExporter.WriteAsync(Table, csv, cancellationToken);
            var widths = await Table.MaxTextBytesAsync(TextColumns(), cancellationToken);
            await using (var sps = File.Create(path))
                await SpssSyntaxWriter.WriteAsync($"{flow.Title} ({flow.Id} v{flow.Version})", Path.GetFileName(csvPath), Variables, widths, sps, cancellationToken);
            return [path, csvPath];
        }
        await using (var file = File.Create(path)) await WriteAsync(format, file, cancellationToken);
        return [path];
    }

    /// <summary>Writes a single-file format to a stream (everything but <see cref="ExportFormat.Sps"/>).</summary>
    public async Task WriteAsync(ExportFormat format, Stream destination, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                await CsvExporter.WriteAsync(Table, destination, cancellationToken);
                break;
            case ExportFormat.Xlsx:
                await XlsxExporter.WriteAsync(Table, Variables, destination, cancellationToken);
                break;
            case ExportFormat.Sav:
                var widths = await Table.MaxTextBytesAsync(TextColumns(), cancellationToken);
                await SavWriter.WriteAsync(Table, Variables, widths, $"{flow.Id} v{flow.Version}", destination, cancellationToken);
                break;
            case ExportFormat.Codebook:
                await CodebookWriter.WriteAsync(flow, Variables, destination, Retention, cancellationToken);
                break;
            case ExportFormat.Cases:
                await CasesExporter.WriteAsync(await new FieldworkCases(databases, flow).LoadAsync(cancellationToken), destination, cancellationToken);
                break;
            case ExportFormat.Paradata:
                await ParadataExporter.WriteAsync(databases, flow, destination, cancellationToken);
                break;
            default:
                throw new ArgumentException($"{format} writes two files: use {nameof(WriteFileAsync)}", nameof(format));
        }
    }

    private IEnumerable<string> TextColumns() => Variables.Where(v => !v.IsNumeric).Select(v => v.Column);
}

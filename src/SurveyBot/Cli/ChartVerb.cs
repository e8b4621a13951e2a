using System.CommandLine;
using SurveyBot.Results;

namespace SurveyBot.Cli;

/// <summary><c>chart --flow F --code C --out file.png</c>: draw one question of the completed interviews, or the dropout funnel.</summary>
public static class ChartVerb
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "flow id", DefaultValueFactory = _ => "citizen" };
        var code = new Option<string>("--code") { Description = "question code (single, scale, recode, matrix, rank, multi), matrix item code, or dropout (the funnel from start to completion)", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "PNG file (default: data/<flow>-<code>.png)" };
        var command = new Command("chart", "Draw a chart of one question as PNG") { flow, code, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            var flowId = result.GetValue(flow)!;
            if (!CliDatabase.TryGetFlow(host, flowId, out var loaded)) return 2;
            var chosen = result.GetValue(code)!;
            var renderer = new ChartRenderer(CliDatabase.Factory(host), loaded.Definition);
            byte[] png;
            try
            {
                png = await renderer.RenderPngAsync(chosen, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"{ex.Message} (charts: {string.Join(", ", renderer.ChartableCodes())})");
                return 2;
            }
            var path = result.GetValue(output)?.FullName ?? Path.Combine("data", $"{flowId}-{chosen}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllBytesAsync(path, png, cancellationToken);
            Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}

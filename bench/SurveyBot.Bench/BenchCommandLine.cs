using System.CommandLine;

namespace SurveyBot.Bench;

/// <summary>Benchmarks that print their figures: <c>engine</c> (interviews committed to SQLite), <c>export</c> (CSV, XLSX, .sav of a large fieldwork), <c>telegram</c> (respondents through the Bot API and the bot process).</summary>
public static class BenchCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("SurveyBot benchmarks");
        root.Subcommands.Add(EngineBenchmark.Command());
        root.Subcommands.Add(ExportBenchmark.Command());
        root.Subcommands.Add(TelegramBenchmark.Command());
        root.Subcommands.Add(BroadcastBenchmark.Command());
        root.Subcommands.Add(SoakBenchmark.Command());
        return root;
    }
}

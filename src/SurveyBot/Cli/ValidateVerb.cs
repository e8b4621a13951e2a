using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary>
/// <c>validate FLOW [--force]</c>: lint a flow file; errors as <c>file:line: CODE: message</c>, exit 1.
/// When the configured database has served this flow before, an edit that would break the stored
/// data (a removed column, a removed or re-labelled option code) is refused unless forced.
/// </summary>
public static class ValidateVerb
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("flow") { Description = "the flow file (YAML)" };
        var force = new Option<bool>("--force") { Description = "accept an edit that breaks data stored under the flow's earlier version" };
        var command = new Command("validate", "Check a flow file: structure, codes, references, routing, Telegram limits, and compatibility with the stored versions") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path}: file not found");
                return 2;
            }
            var content = await File.ReadAllTextAsync(path.FullName, cancellationToken);
            var (flow, errors) = FlowLoader.Parse(content, path.ToString());
            if (flow is not null) errors = FlowValidator.Validate(flow);
            foreach (var error in errors) Console.Error.WriteLine(error);
            if (errors.Count > 0 || flow is null) return 1;
            var plan = new FlowPlan(flow);
            Console.WriteLine($"{path}: OK — flow '{flow.Id}' v{flow.Version}, {flow.Questions.Count} nodes, {plan.ShownStepCount} screens, {flow.DataColumns.Count} data columns");
            // A missing picture is not an error: the bot sends the text alone, so fieldwork can start before the artwork is in.
            foreach (var node in flow.Questions.Where(q => q.Image is not null && !File.Exists(Path.Combine(path.DirectoryName ?? "", q.Image))))
                Console.Error.WriteLine(new FlowError(path.ToString(), node.Line, node.Code, $"warning: image '{node.Image}' not found beside the flow file; respondents get the text alone"));
            return await CheckStoredVersionsAsync(path.ToString(), flow, content, result.GetValue(force), cancellationToken);
        });
        return command;
    }

    private static async Task<int> CheckStoredVersionsAsync(string path, FlowDefinition flow, string content, bool force, CancellationToken cancellationToken)
    {
        var (provider, connectionString, failures) = Configuration.StorageOptions.From(SurveyBotHost.CreateBuilder([]).Configuration).Resolve();
        if (failures.Count > 0)
        {
            foreach (var failure in failures) Console.Error.WriteLine(failure);
            return 1;
        }
        if (provider == StorageProvider.Sqlite && !File.Exists(SurveyDatabase.DataSource(connectionString))) return 0;
        await using var db = new SurveyDbContext(SurveyDatabase.Options(provider, connectionString));
        List<Storage.Entities.FlowVersionRecord> stored;
        try
        {
            stored = await new FlowVersionStore(db).AllAsync(flow.Id, cancellationToken);
        }
        catch (Exception error) when (error is SqliteException or Npgsql.PostgresException { SqlState: "42P01" })
        {
            return 0; // a database from before flow versions were kept: nothing to compare with
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
        if (stored.Count == 0) return 0;
        var latest = stored[^1];
        if (latest.ContentHash == FlowVersionStore.Hash(content))
        {
            Console.WriteLine($"{path}: unchanged since version {latest.Version}, which respondents are served");
            return 0;
        }
        var problems = FlowCompatibility.BreakingChanges(FlowLoader.Load(latest.Content, $"{flow.Id} v{latest.Version} (stored)"), flow);
        foreach (var problem in problems) Console.Error.WriteLine($"{path}: {flow.Id}: {problem}");
        if (problems.Count > 0 && !force)
        {
            Console.Error.WriteLine($"{path}: refused: this edit breaks data stored under version {latest.Version}; keep the codes, or pass --force to accept it");
            return 1;
        }
        Console.WriteLine($"{path}: edited since version {latest.Version}{(problems.Count > 0 ? " (forced)" : "")}: the bot serves it as version {Math.Max(flow.Version, latest.Version + 1)} from its next start; interviews in progress finish on the version they began");
        return 0;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SurveyBot.Hosting;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Cli;

/// <summary>
/// <c>set-aside list [--limit N]</c> and <c>set-aside replay --update ID ... | --all</c>: the updates the bot could
/// not handle (an error that repeated on the same input; the respondent got an apology). <c>list</c> shows them without
/// what the person wrote; <c>replay</c> makes them pending again, and the running bot handles them within seconds
/// (or at its next start), typically after an upgrade that fixed the error.
/// </summary>
public static class SetAsideVerb
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "the most updates to list, oldest first", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List the updates set aside after an error: id, chat, when received, kind, error") { limit };
        list.SetAction((result, cancellationToken) => ListAsync(null, Console.Out, result.GetValue(limit), cancellationToken));

        var updates = new Option<long[]>("--update") { Description = "the update id to replay (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "replay every set-aside update" };
        var replay = new Command("replay", "Hand set-aside updates to the bot again, as if just received") { updates, all };
        replay.Validators.Add(result =>
        {
            if ((result.GetValue(updates) is { Length: > 0 }) == result.GetValue(all)) result.AddError("give either --update ID (one or more) or --all");
        });
        replay.SetAction((result, cancellationToken) => ReplayAsync(null, Console.Out, result.GetValue(all) ? null : result.GetValue(updates), cancellationToken));

        return new Command("set-aside", "Updates the bot set aside after an error: list them, replay them") { list, replay };
    }

    /// <summary>Prints the set-aside updates; 0 always (none is a fine answer).</summary>
    public static async Task<int> ListAsync(IReadOnlyDictionary<string, string?>? settings, TextWriter output, int limit, CancellationToken cancellationToken)
    {
        using var host = Build(settings);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync(cancellationToken);
        if (!await ExistsAsync(db, output)) return 1;
        var inbox = new InboxStore(db);
        var total = await inbox.CountSetAsideAsync(cancellationToken);
        foreach (var row in await inbox.SetAsideAsync(Math.Max(1, limit), cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"update {row.UpdateId}  chat {row.ChatId}  received {DateTime.SpecifyKind(row.ReceivedAt, DateTimeKind.Utc):yyyy-MM-ddTHH:mm:ssZ}  {KindOf(row)}  error: {row.Error}"));
        }
        await output.WriteLineAsync(total == 0
            ? "no updates set aside"
            : $"{total} update(s) set aside; replay with: set-aside replay --update ID (or --all)");
        return 0;
    }

    /// <summary>Makes the given (or all) set-aside updates pending again; 0 when at least one was, 1 when none matched.</summary>
    public static async Task<int> ReplayAsync(IReadOnlyDictionary<string, string?>? settings, TextWriter output, IReadOnlyCollection<long>? updateIds, CancellationToken cancellationToken)
    {
        using var host = Build(settings);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync(cancellationToken);
        if (!await ExistsAsync(db, output)) return 1;
        var replayed = await new InboxStore(db).ReplayAsync(updateIds, cancellationToken);
        await output.WriteLineAsync(replayed == 0
            ? "no matching set-aside update: nothing replayed"
            : $"{replayed} update(s) handed to the bot again; the running bot handles them within a minute, a stopped one at its next start");
        return replayed > 0 ? 0 : 1;
    }

    private static Microsoft.Extensions.Hosting.IHost Build(IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = SurveyBotHost.CreateBuilder([], settings);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static async Task<bool> ExistsAsync(SurveyDbContext db, TextWriter output)
    {
        var path = SurveyDatabase.Describe(SurveyDatabase.ProviderOf(db), db.Database.GetConnectionString()!);
        if (SurveyDatabase.ProviderOf(db) == StorageProvider.Postgres || File.Exists(path)) return true;
        await output.WriteLineAsync($"no database file at {path}");
        return false;
    }

    /// <summary>What the update was, without its content (it is personal data).</summary>
    private static string KindOf(InboxRecord row)
    {
        if (string.IsNullOrEmpty(row.PayloadJson)) return "erased";
        try
        {
            using var update = JsonDocument.Parse(row.PayloadJson);
            var root = update.RootElement;
            if (root.TryGetProperty("callback_query", out _)) return "button press";
            if (root.TryGetProperty("message", out var message))
                return message.TryGetProperty("text", out var text) && text.GetString() is { } t && t.StartsWith('/') ? "command " + t.Split(' ')[0] : "message";
            if (root.TryGetProperty("edited_message", out _)) return "edited message";
            if (root.TryGetProperty("my_chat_member", out _)) return "membership change";
            return "other update";
        }
        catch (JsonException)
        {
            return "unreadable update";
        }
    }
}

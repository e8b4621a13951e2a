using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SurveyBot.Conversation;
using SurveyBot.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary>
/// <c>erase --respondent-id ID | --chat N [--channel telegram]</c>: an erasure request. Deletes the person's
/// interviews (every answer and respondent row) and, for a Telegram chat, everything stored of its traffic (see
/// <see cref="ChatEraser"/>), then truncates the write-ahead log so the erased bytes leave the disk.
/// </summary>
public static class EraseVerb
{
    public static Command Create()
    {
        var respondentId = new Option<string?>("--respondent-id") { Description = "the respondent_id of an export row: erases that interview" };
        var chat = new Option<long?>("--chat") { Description = "a chat id (for Telegram the person's user id): erases every interview of the chat" };
        var channel = new Option<string>("--channel") { Description = "the channel of --chat: telegram or console", DefaultValueFactory = _ => ChannelNames.Telegram };
        var command = new Command("erase", "Erase a person's interviews and stored messages on request") { respondentId, chat, channel };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(respondentId) is null) == (result.GetValue(chat) is null)) result.AddError("give either --respondent-id or --chat");
        });
        command.SetAction((result, cancellationToken) =>
            RunAsync(null, Console.Out, result.GetValue(respondentId), result.GetValue(chat), result.GetValue(channel)!, cancellationToken));
        return command;
    }

    /// <summary>Erases with the configuration the bot would use (plus <paramref name="settings"/>); 0 when something was erased, 1 when nothing matched.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?>? settings, TextWriter output, string? respondentId, long? chatId, string channel, CancellationToken cancellationToken)
    {
        var builder = SurveyBotHost.CreateBuilder([], settings);
        builder.Logging.ClearProviders();
        using var host = builder.Build();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync(cancellationToken);
        var path = SurveyDatabase.Describe(SurveyDatabase.ProviderOf(db), db.Database.GetConnectionString()!);
        if (SurveyDatabase.ProviderOf(db) == StorageProvider.Sqlite && !File.Exists(path))
        {
            await output.WriteLineAsync($"no database file at {path}: nothing erased");
            return 1;
        }

        if (respondentId is not null)
        {
            var owner = await db.Respondents.AsNoTracking().Where(r => r.PublicId == respondentId)
                .Select(r => new { r.Channel, r.ChatId }).SingleOrDefaultAsync(cancellationToken);
            if (owner is null)
            {
                await output.WriteLineAsync($"no respondent {respondentId}: nothing erased");
                return 1;
            }
            (channel, chatId) = (owner.Channel, owner.ChatId);
        }

        var eraser = new RespondentEraser(db);
        var interviews = respondentId is not null
            ? await eraser.ErasePublicIdAsync(respondentId, cancellationToken)
            : await eraser.EraseChatAsync(channel, chatId!.Value, cancellationToken);
        // Only the Telegram channel stores the traffic of a chat.
        var traffic = channel == ChannelNames.Telegram ? await new ChatEraser(db).EraseAsync(chatId!.Value, DateTime.UtcNow, cancellationToken) : 0;
        // The bytes go too: secure_delete zeroed what the deletes freed, and the log's older copies of those pages go with it.
        var purged = await SurveyDatabase.TruncateWalAsync(db, cancellationToken);
        await output.WriteLineAsync($"erased {interviews} interview(s) and {traffic} stored message, delivery, invitation or contact row(s) of {channel} chat {chatId}");
        if (!purged) await output.WriteLineAsync("the write-ahead log is still in use; the running bot truncates it within seconds");
        return interviews + traffic > 0 ? 0 : 1;
    }
}

using SurveyBot.Conversation;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The real bot process while its storage is unavailable for a while, with twenty interviews in progress: another
/// process holds a write transaction on the database for a minute, or the database's file system fills up and is then
/// freed. Such errors pass by themselves: the respondents only wait. Afterwards every interview holds exactly the
/// answers its respondent sent (none lost, none twice), nobody was sent an apology, nothing was set aside, and the
/// same process carried on (no restart).
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const string Closing = "지금까지 응답해주셔서 진심으로 감사드립니다";

    [Fact]
    public async Task A_write_lock_held_by_another_process_for_a_minute_delays_twenty_interviews_and_loses_nothing()
    {
        using var database = new TestDatabase();
        await RunThroughOutageAsync(database, 91_000, async bot =>
        {
            await using (await SqliteWriteLock.HoldAsync(database.Path))
            {
                await Task.Delay(TimeSpan.FromSeconds(60));
                Assert.False(bot.HasExited, "the bot is still running while the lock is held");
                Assert.True(SqliteWriteLock.IsLocked(database.Path), "the lock was held the whole minute");
            }
        });
    }

    [SkippableFact]
    public async Task A_full_file_system_delays_twenty_interviews_and_loses_nothing_once_room_is_made()
    {
        using var disk = SmallFileSystem.TryMount(48, out var whyNot);
        Skip.If(disk is null, $"Skipped: the full-disk test needs to mount a tmpfs: {whyNot}");
        using var database = new TestDatabase(disk.Folder);
        await RunThroughOutageAsync(database, 92_000, async bot =>
        {
            disk.Fill();
            Assert.True(disk.IsFull(), "the file system is full");
            await Task.Delay(TimeSpan.FromSeconds(30));
            Assert.False(bot.HasExited, "the bot is still running while the disk is full");
            disk.Free();
        });
    }

    private async Task RunThroughOutageAsync(TestDatabase database, long firstChat, Func<BotProcess, Task> outage)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Telegram__GlobalMessagesPerSecond"] = "0",
            ["Telegram__PerChatMessagesPerSecond"] = "0",
            ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var respondents = Enumerable.Range(0, 20)
            .Select(i => new SimulatedRespondent(server, firstChat + i, seed: (int)(firstChat % 1000) + i, m => m.Text.Contains(Closing))
            {
                ThinkTime = TimeSpan.FromMilliseconds(300),
                Patience = TimeSpan.FromSeconds(3),
                Deadline = TimeSpan.FromMinutes(8),
            })
            .ToList();

        using var bot = BotProcess.Start(database.Folder, environment);
        var interviews = respondents.Select(r => Task.Run(() => r.RunAsync())).ToList();
        try
        {
            await server.WaitUntilAsync(() => respondents.All(r => r.Sent.Count >= 5), TimeSpan.FromMinutes(3));
            Assert.All(interviews, interview => Assert.False(interview.IsCompleted, "every interview is in progress when storage fails"));
            await outage(bot);
            await Task.WhenAll(interviews).WaitAsync(TimeSpan.FromMinutes(6));
            Assert.False(bot.HasExited, "the bot recovered without a restart");
        }
        finally
        {
            var log = bot.Output;
            output.WriteLine(log.Length > 30_000 ? log[..15_000] + "\n...\n" + log[^15_000..] : log);
        }

        output.WriteLine($"{respondents.Sum(r => r.Sent.Count)} inputs");
        var apology = ConversationReplies.Korean.SomethingWentWrong;
        Assert.DoesNotContain(respondents.SelectMany(r => server.Messages(r.ChatId)), m => m.Text.Contains(apology, StringComparison.Ordinal));
        Assert.DoesNotContain(server.CallbackAnswers, a => a.Text == apology);
        await using var db = database.Open();
        await InputReplay.AssertStoredExactlyAsync(db, respondents);
    }
}

using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.FakeBotApi;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Postgres;
using SurveyBot.Testing.Postgres;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// Two real instances on one PostgreSQL database drain one outbox: each call is made once, each chat's calls in the
/// order they were staged, and the calls a killed instance had claimed are made by the other once their lease runs out.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class TwoInstanceOutboxTests(PostgresFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int Chats = 20;
    private const int RowsPerChat = 12;
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-two-outbox-").FullName;

    [Fact]
    public async Task Calls_pending_when_two_instances_start_are_made_once_in_order_and_a_killed_instance_hands_its_claims_on()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var database = new PostgresTestDatabase(fixture);
        await StageAsync(database, firstChat: 84_000);
        // Slow sends keep both instances draining at once, so a call either of them made twice would show.
        server.DelayNext("sendMessage", 10_000, TimeSpan.FromMilliseconds(300));
        var shared = new Dictionary<string, string> { ["Storage__Provider"] = "postgres" };
        using var first = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        using var second = WebhookBot.Start(server, _folder, database.ConnectionString, shared);
        try
        {
            await first.WaitUntilRegisteredAsync();
            await second.WaitUntilRegisteredAsync();
            await WaitUntilSentAsync(database, TimeSpan.FromMinutes(2));

            for (var chat = 84_000L; chat < 84_000 + Chats; chat++)
                Assert.Equal(Texts(chat), server.Messages(chat).Select(m => m.Text).ToList());

            // Now one instance dies holding claims; nobody restarts it, so only the lease hands them to the other.
            await StageAsync(database, firstChat: 85_000);
            await server.WaitUntilAsync(() => server.CallCount("sendMessage") > Chats * RowsPerChat + 10, TimeSpan.FromMinutes(1));
            first.KillNow();
            await WaitUntilSentAsync(database, TimeSpan.FromMinutes(2));
        }
        finally
        {
            output.WriteLine(first.Process.Output);
            output.WriteLine(second.Process.Output);
        }

        for (var chat = 85_000L; chat < 85_000 + Chats; chat++)
        {
            // At most the calls in flight at the kill are made again: one per chat, right after itself.
            var texts = server.Messages(chat).Select(m => m.Text).ToList();
            var distinct = texts.Where((text, i) => i == 0 || text != texts[i - 1]).ToList();
            Assert.Equal(Texts(chat), distinct);
            Assert.True(texts.Count - distinct.Count <= 1, $"chat {chat} got {texts.Count - distinct.Count} calls again");
        }
    }

    private static List<string> Texts(long chat) => Enumerable.Range(0, RowsPerChat).Select(i => $"통지 {chat}-{i}").ToList();

    private static async Task StageAsync(PostgresTestDatabase database, long firstChat)
    {
        await using var db = database.Open();
        var outbox = new OutboxStore(db);
        for (var i = 0; i < RowsPerChat; i++)
            for (var chat = firstChat; chat < firstChat + Chats; chat++)
                outbox.Stage(chat, OutboxPayload.Write([new OutboxCall { Kind = OutboxCallKind.Send, Text = Texts(chat)[i] }]), DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    private static async Task WaitUntilSentAsync(PostgresTestDatabase database, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = database.Open())
                if (!await db.Outbox.AnyAsync(o => o.Status == OutboxRecord.Pending)) return;
            Assert.True(DateTime.UtcNow < deadline, "outbox calls still pending");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SurveyBot.Channels.Telegram;
using SurveyBot.FakeBotApi;
using SurveyBot.Staff;
using SurveyBot.Supervision;
using SurveyBot.Testing.Postgres;
using Telegram.Bot;

namespace SurveyBot.Telegram.Tests.Postgres;

/// <summary>
/// Reminders (bulk messages through the outbox's send pipeline) from two instances on one PostgreSQL database draw on
/// one bulk allowance, so together they stay within the bot's limit: each pipeline is the real one, with its own
/// Telegram.Bot client and send window, as in two processes.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class SharedBulkAllowanceTests(PostgresFixture fixture)
{
    private const long FirstChat = 70_000;

    [Fact]
    public async Task Reminders_sent_by_two_instances_at_once_keep_together_to_the_bots_bulk_limit()
    {
        // The bot's bulk limit is 30/s; each instance's reminders go at 20/s, 40/s together if each paced alone (below
        // the server's limit, so that a stall of this loaded machine does not by itself fill a second).
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { BulkRateLimitPerSecond = 30 });
        var database = new PostgresTestDatabase(fixture);
        const int perInstance = 100;
        var sends = new List<Task<SendResult<global::Telegram.Bot.Types.Message>>>();
        var pipelines = new List<TelegramSendPipeline>();
        for (var instance = 0; instance < 2; instance++)
        {
            var bot = new TelegramBotClient(new TelegramBotClientOptions(server.Token, server.BaseUrl) { RetryThreshold = 0, RetryCount = 0 });
            var allowance = new SharedBulkAllowance(database.Instance($"instance-{instance}"), NullLogger<SharedBulkAllowance>.Instance);
            var pipeline = new TelegramSendPipeline(bot, Options.Create(new TelegramOptions { BotToken = server.Token }), new TokenRedactor(server.Token),
                NullLogger<TelegramSendPipeline>.Instance, new SendWindow(), Options.Create(new BroadcastOptions { MessagesPerSecond = 20 }), allowance);
            pipelines.Add(pipeline);
            for (var n = 0; n < perInstance; n++)
            {
                var chat = FirstChat + instance * perInstance + n;
                sends.Add(pipeline.SendAsync(chat, SendKind.Bulk, (client, token) => client.SendMessage(chat, "설문을 이어서 해 주세요", cancellationToken: token), CancellationToken.None));
            }
        }

        var results = await Task.WhenAll(sends);
        foreach (var pipeline in pipelines) pipeline.Dispose();

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.All(Enumerable.Range(0, 2 * perInstance), i => Assert.Single(server.Messages(FirstChat + i)));
        Assert.Equal(0, server.TooManyRequestsCount);
    }
}

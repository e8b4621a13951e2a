using System.Diagnostics;
using SurveyBot.FakeBotApi;

namespace SurveyBot.Bench;

/// <summary>The server's and the bot's running totals (over all its instances) at one moment.</summary>
internal sealed class WaveCounters(FakeBotApiServer server, IReadOnlyList<Process> bots)
{
    public FakeBotApiServer Server { get; } = server;
    public int Sends { get; } = server.CallCount("sendMessage");
    public int Edits { get; } = server.CallCount("editMessageText");
    public int CallbackAnswers { get; } = server.CallCount("answerCallbackQuery");
    public int TooManyRequests { get; } = server.TooManyRequestsCount;
    public long Bulk { get; } = server.BulkMessageCount;

    /// <summary>Every instance's CPU time together.</summary>
    public TimeSpan BotCpu { get; } = bots.Aggregate(TimeSpan.Zero, (sum, bot) => sum + bot.TotalProcessorTime);
}

using System.Diagnostics;
using SurveyBot.FakeBotApi;

namespace SurveyBot.Bench;

/// <summary>The server's and the bot's running totals at one moment.</summary>
internal sealed class WaveCounters(FakeBotApiServer server, Process bot)
{
    public FakeBotApiServer Server { get; } = server;
    public int Sends { get; } = server.CallCount("sendMessage");
    public int Edits { get; } = server.CallCount("editMessageText");
    public int CallbackAnswers { get; } = server.CallCount("answerCallbackQuery");
    public int TooManyRequests { get; } = server.TooManyRequestsCount;
    public long Bulk { get; } = server.BulkMessageCount;
    public TimeSpan BotCpu { get; } = bot.TotalProcessorTime;
}

using System.Diagnostics;
using SurveyBot.FakeBotApi;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The real program's exit code, which decides whether systemd (Restart=on-failure) or Docker restart it: non-zero
/// after a failure the bot cannot survive, zero after a requested stop.
/// </summary>
public sealed class SupervisionTests(ITestOutputHelper output)
{
    private static Dictionary<string, string> Environment(FakeBotApiServer server, TestDatabase database) => new()
    {
        ["Telegram__BotToken"] = server.Token,
        ["Telegram__ApiBaseUrl"] = server.BaseUrl,
        ["Telegram__PollTimeoutSeconds"] = "1",
        ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
        ["Logging__LogLevel__Default"] = "Warning",
        // The shipped ceiling, stated so the test does not depend on the build's runtimeconfig.
        ["DOTNET_GCHeapHardLimit"] = "0x4000000",
    };

    [Fact]
    public async Task Running_out_of_memory_stops_the_bot_with_a_non_zero_exit_code()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { RecordRequestBodies = false });
        using var database = new TestDatabase();
        using var bot = BotProcess.Start(database.Folder, Environment(server, database));
        await server.WaitUntilAsync(() => server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(90));

        // One update far larger than the 64 MiB heap: reading it runs the bot out of memory.
        server.SendText(95_001, new string('가', 40_000_000));
        int code;
        try
        {
            code = await bot.WaitForExitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            output.WriteLine(bot.Output[..Math.Min(bot.Output.Length, 20_000)]);
        }

        Assert.NotEqual(0, code);
        Assert.Contains("cannot survive", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token, bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requested_stop_exits_with_code_zero()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { RecordRequestBodies = false });
        using var database = new TestDatabase();
        using var bot = BotProcess.Start(database.Folder, Environment(server, database));
        await server.WaitUntilAsync(() => server.CallCount("getUpdates") > 0, TimeSpan.FromSeconds(90));

        using (var term = Process.Start("kill", ["-TERM", bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) await term.WaitForExitAsync();
        var code = await bot.WaitForExitAsync(TimeSpan.FromMinutes(1));

        output.WriteLine(bot.Output);
        Assert.Equal(0, code);
    }
}

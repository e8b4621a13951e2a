using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>
/// Downloading a staff CSV of chat ids is a network call, so it happens after the batch that handled the upload has
/// committed: however slow Telegram is to deliver the file, respondents handled by the same processor get their
/// questions meanwhile.
/// </summary>
public sealed class RecipientListDownloadTests
{
    private const long Respondent = 630_001;

    [Fact]
    public async Task A_slow_csv_download_holds_up_no_respondent()
    {
        // One processor shard: the staff upload and the respondent's /start are handled by the same loop.
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings(new() { ["Telegram:ProcessorShards"] = "1" }));
        var server = harness.Server;
        server.DelayNext("downloadFile", 1, TimeSpan.FromSeconds(30));

        server.SendDocument(StaffSetup.StaffChat, "ids.csv", "chat_id\n640001\n640002\n"u8.ToArray(), caption: "/broadcast citizen");
        await server.WaitUntilAsync(() => server.CallCount("getFile") > 0, TelegramHarness.Wait);
        server.SendText(Respondent, "/start");

        await server.WaitForMessageAsync(Respondent, m => m.InlineKeyboard is { Count: > 0 }, TimeSpan.FromSeconds(15));
        Assert.Empty(server.Messages(StaffSetup.StaffChat));

        // The download ends; the draft is stored with its recipients and previewed.
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TimeSpan.FromSeconds(60));
        Assert.Contains("csv — 2명", preview.Text, StringComparison.Ordinal);
        var broadcast = (await StaffSetup.BroadcastAsync(harness.Database))!;
        Assert.Equal(BroadcastRecord.Draft, broadcast.Status);
        Assert.Equal(new Dictionary<string, int> { [DeliveryRecord.Pending] = 2 }, await StaffSetup.DeliveryCountsAsync(harness.Database, broadcast.Id));
    }
}

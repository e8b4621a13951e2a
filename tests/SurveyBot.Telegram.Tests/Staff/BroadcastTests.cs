using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyBot.FakeBotApi;
using SurveyBot.Staff;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>Broadcasts through the real bot against the loopback Bot API, which enforces a send rate and refuses blocked chats.</summary>
public sealed class BroadcastTests
{
    private const string Invitation = "참여해 주시기 바랍니다";

    [Fact]
    public async Task A_broadcast_to_2000_contacts_reaches_every_active_one_once_at_the_server_limit_and_marks_blocked_ones()
    {
        var contacts = Enumerable.Range(0, 2000).Select(i => 100_000L + i).ToList();
        var blocked = contacts.Where(c => c % 20 == 0).ToHashSet();
        var stopped = Enumerable.Range(0, 30).Select(i => 300_000L + i).ToList();
        await using var harness = await TelegramHarness.StartAsync(
            StaffSetup.StaffSettings(new()
            {
                ["Broadcast:PaidBroadcasts"] = "true",
                ["Broadcast:PaidMessagesPerSecond"] = "200",
                ["Broadcast:Concurrency"] = "8",
            }),
            new FakeBotApiOptions { GlobalRateLimitPerSecond = 200 });
        var server = harness.Server;
        await StaffSetup.SeedContactsAsync(harness.Database, contacts, ContactRecord.Active, DateTime.UtcNow);
        await StaffSetup.SeedContactsAsync(harness.Database, stopped, ContactRecord.Stopped, DateTime.UtcNow);
        foreach (var chat in blocked) server.BlockChat(chat);

        server.SendText(StaffSetup.StaffChat, "/broadcast citizen all");
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TelegramHarness.Wait);
        Assert.Contains("2,000명", preview.Text);
        Assert.Contains(Invitation, preview.Text);
        Assert.Empty(await StaffSetup.DeliveryCountsAsync(harness.Database, (await StaffSetup.BroadcastAsync(harness.Database))!.Id));

        server.PressButton(StaffSetup.StaffChat, preview.MessageId, preview.FindButton("보내기")!.CallbackData!);
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("발송을 시작했습니다"), TelegramHarness.Wait);
        // Telegram's flood control in the middle of it: the whole broadcast waits out retry_after.
        await server.WaitUntilAsync(() => server.CallCount("sendMessage") > 300, TelegramHarness.Wait);
        server.FailNext("sendMessage", 1, 429, retryAfter: 1);

        // A respondent starting now is answered while the broadcast is still going, not after it.
        server.SendText(555_555, "/start");
        await server.WaitForMessageAsync(555_555, m => m.Buttons.Any(), TelegramHarness.Wait);
        var broadcastId = (await StaffSetup.BroadcastAsync(harness.Database))!.Id;
        Assert.True((await StaffSetup.DeliveryCountsAsync(harness.Database, broadcastId)).GetValueOrDefault(DeliveryRecord.Pending) > 0);

        var finished = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("발송을 마쳤습니다"), TimeSpan.FromSeconds(90));
        // The staff member started the bot too, so they are an active contact and get the invitation as well.
        Assert.Contains($"보냄 {2000 - blocked.Count + 1:N0}", finished.Text);
        Assert.Contains($"차단 {blocked.Count:N0}", finished.Text);

        foreach (var chat in contacts)
        {
            var received = server.Messages(chat).Count(m => m.Text.Contains(Invitation));
            Assert.Equal(blocked.Contains(chat) ? 0 : 1, received);
        }
        Assert.All(stopped, chat => Assert.Empty(server.Messages(chat)));
        var counts = await StaffSetup.DeliveryCountsAsync(harness.Database, broadcastId);
        Assert.Equal(new Dictionary<string, int> { [DeliveryRecord.Sent] = 2000 - blocked.Count + 1, [DeliveryRecord.Blocked] = blocked.Count }, counts);
        await using (var db = harness.Database.Open())
        {
            Assert.Equal(blocked.Order(), await db.Contacts.Where(c => c.State == ContactRecord.Blocked).Select(c => c.ChatId).OrderBy(c => c).ToListAsync());
            Assert.Equal(BroadcastRecord.Completed, (await db.Broadcasts.SingleAsync()).Status);
        }

        // Paid mode sets allow_paid_broadcast; the message's button is a deep link into the flow.
        var sends = server.Calls.Where(c => c.Method == "sendMessage" && c.ChatId is >= 100_000 and < 102_000 && c.StatusCode == 200).ToList();
        Assert.All(sends, c => Assert.True(JsonDocument.Parse(c.RequestJson).RootElement.GetProperty("allow_paid_broadcast").GetBoolean()));
        var link = server.LastMessage(100_001)!.Buttons.Single().Url!;
        Assert.StartsWith($"https://t.me/{FakeBotApiServer.BotUsername}?start=", link, StringComparison.Ordinal);

        // After the 429 the broadcast waited out retry_after (1 s): soon after it (once the calls already in flight
        // were answered, which takes longer on a busy machine) no broadcast message reached the server for most
        // of a second, instead of the workers hammering on.
        var limited = server.Calls.First(c => c.Method == "sendMessage" && c.StatusCode == 429).TimestampUtc;
        var accepted = server.Calls
            .Where(c => c.Method == "sendMessage" && c.StatusCode == 200 && c.ChatId is >= 100_000 and < 102_000
                && c.TimestampUtc > limited && c.TimestampUtc < limited.AddSeconds(3))
            .Select(c => c.TimestampUtc).Order().Prepend(limited).ToList();
        var longestPause = accepted.Zip(accepted.Skip(1), (before, after) => after - before).DefaultIfEmpty(TimeSpan.FromSeconds(3)).Max();
        Assert.True(longestPause >= TimeSpan.FromMilliseconds(800), $"the broadcast paused for at most {longestPause.TotalMilliseconds:F0} ms after the 429");
    }

    [Fact]
    public async Task Broadcast_status_and_cancel_stop_sending_to_the_rest()
    {
        var contacts = Enumerable.Range(0, 300).Select(i => 400_000L + i).ToList();
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings(new() { ["Broadcast:MessagesPerSecond"] = "20" }));
        var server = harness.Server;
        await StaffSetup.SeedContactsAsync(harness.Database, contacts, ContactRecord.Active, DateTime.UtcNow);

        server.SendText(StaffSetup.StaffChat, "/broadcast citizen all\n안녕하세요, 설문 안내입니다.");
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TelegramHarness.Wait);
        Assert.Contains("안녕하세요, 설문 안내입니다.", preview.Text);
        server.PressButton(StaffSetup.StaffChat, preview.MessageId, preview.FindButton("보내기")!.CallbackData!);
        await server.WaitUntilAsync(() => server.CallCount("sendMessage") > 40, TelegramHarness.Wait);

        server.SendText(StaffSetup.StaffChat, "/broadcast status");
        var status = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("남은 시간"), TelegramHarness.Wait);
        Assert.Contains("발송 중", status.Text);
        Assert.Contains("전체 301명", status.Text);

        server.SendText(StaffSetup.StaffChat, "/broadcast cancel");
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("중단했습니다"), TelegramHarness.Wait);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var recipients = contacts.Append(StaffSetup.StaffChat).ToList();
        int Reached() => recipients.Count(c => server.Messages(c).Any(m => m.Text.Contains("설문 안내입니다") && m.Buttons.Any(b => b.Url is not null)));
        var sentAfterCancel = Reached();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(sentAfterCancel, Reached());
        Assert.InRange(sentAfterCancel, 40, 299);
        var counts = await StaffSetup.DeliveryCountsAsync(harness.Database, (await StaffSetup.BroadcastAsync(harness.Database))!.Id);
        Assert.Equal(sentAfterCancel, counts[DeliveryRecord.Sent]);
        Assert.Equal(301 - sentAfterCancel, counts[DeliveryRecord.Pending]);
        Assert.Equal(BroadcastRecord.Cancelled, (await StaffSetup.BroadcastAsync(harness.Database))!.Status);
    }

    [Fact]
    public async Task A_csv_of_chat_ids_sent_as_a_document_becomes_the_audience()
    {
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings());
        var server = harness.Server;
        await StaffSetup.SeedContactsAsync(harness.Database, [610_001, 610_002, 610_003], ContactRecord.Active, DateTime.UtcNow);
        await StaffSetup.SeedContactsAsync(harness.Database, [610_004], ContactRecord.Stopped, DateTime.UtcNow);

        server.SendDocument(StaffSetup.StaffChat, "ids.csv", "x"u8.ToArray(), caption: "/broadcast citizen");
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("CSV 파일을 읽지 못했습니다"), TelegramHarness.Wait);
        Assert.Null(await StaffSetup.BroadcastAsync(harness.Database));

        server.SendDocument(StaffSetup.StaffChat, "ids.csv", "chat_id\n610001\n610003\n610004\n610001\n"u8.ToArray(), caption: "/broadcast citizen");
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TelegramHarness.Wait);
        Assert.Contains("csv — 3명", preview.Text);
        server.PressButton(StaffSetup.StaffChat, preview.MessageId, preview.FindButton("보내기")!.CallbackData!);
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("발송을 마쳤습니다"), TelegramHarness.Wait);

        Assert.Single(server.Messages(610_001));
        Assert.Empty(server.Messages(610_002));
        Assert.Single(server.Messages(610_003));
        Assert.Empty(server.Messages(610_004));
        var counts = await StaffSetup.DeliveryCountsAsync(harness.Database, (await StaffSetup.BroadcastAsync(harness.Database))!.Id);
        Assert.Equal(new Dictionary<string, int> { [DeliveryRecord.Sent] = 2, [DeliveryRecord.Skipped] = 1 }, counts);
    }

    [Fact]
    public async Task A_csv_of_200000_chat_ids_without_a_file_size_becomes_the_audience_and_a_larger_one_is_refused()
    {
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings(), new FakeBotApiOptions { OmitFileSizes = true });
        var server = harness.Server;
        var csv = new System.Text.StringBuilder("chat_id\r\n");
        for (var i = 0; i < 200_000; i++) csv.Append(7_000_000_000L + i).Append("\r\n");
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());

        server.SendDocument(StaffSetup.StaffChat, "ids.csv", bytes, caption: "/broadcast citizen");
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TimeSpan.FromSeconds(60));
        Assert.Contains("csv — 200,000명", preview.Text);
        var broadcast = (await StaffSetup.BroadcastAsync(harness.Database))!;
        Assert.Equal(BroadcastRecord.Draft, broadcast.Status);
        Assert.Equal(new Dictionary<string, int> { [DeliveryRecord.Pending] = 200_000 }, await StaffSetup.DeliveryCountsAsync(harness.Database, broadcast.Id));

        // Past Broadcast:MaxCsvBytes, with no file_size to refuse it up front: refused by what arrived, nothing stored.
        var limit = new SurveyBot.Staff.BroadcastOptions().MaxCsvBytes;
        var larger = System.Text.Encoding.UTF8.GetBytes(csv.ToString() + csv.ToString().Replace("7000", "8000", StringComparison.Ordinal));
        Assert.True(larger.Length > limit);
        server.SendDocument(StaffSetup.StaffChat, "ids.csv", larger, caption: "/broadcast citizen");
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("파일이 너무 큽니다"), TimeSpan.FromSeconds(60));
        await using var db = harness.Database.Open();
        Assert.Equal(1, await db.Broadcasts.CountAsync());
    }

    [Fact]
    public async Task Non_staff_get_the_refusal_and_nothing_is_stored()
    {
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings());
        var server = harness.Server;
        const long outsider = 620_001;
        string[] commands = ["/broadcast citizen all", "/invite citizen 3", "/broadcast status", "/broadcast cancel"];
        for (var i = 0; i < commands.Length; i++)
        {
            server.SendText(outsider, commands[i]);
            var expected = i + 1;
            await server.WaitUntilAsync(() => server.Messages(outsider).Count(m => m.Text.Contains("조사 담당자만")) == expected, TelegramHarness.Wait);
        }
        server.SendDocument(outsider, "ids.csv", "620001\n"u8.ToArray(), caption: "/broadcast citizen");
        await server.WaitUntilAsync(() => server.Messages(outsider).Count(m => m.Text.Contains("조사 담당자만")) == 5, TelegramHarness.Wait);
        Assert.Equal(0, server.CallCount("getFile"));
        await using var db = harness.Database.Open();
        Assert.Equal(0, await db.Broadcasts.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
    }
}

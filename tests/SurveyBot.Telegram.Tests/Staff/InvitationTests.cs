using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>Invitation links made with /invite and opened by respondents, through the real bot and the loopback Bot API.</summary>
public sealed partial class InvitationTests
{
    [Fact]
    public async Task A_single_use_link_starts_one_interview_with_its_source_and_refuses_anyone_else()
    {
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings());
        var server = harness.Server;
        server.SendText(StaffSetup.StaffChat, "/invite citizen 2 gangnam_flyer");
        var reply = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("초대 링크"), TelegramHarness.Wait);
        var tokens = Links().Matches(reply.Text).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{16,64}$", t));
        Assert.Contains($"https://t.me/{FakeBotApiServer.BotUsername}?start=", reply.Text);

        const long first = 710_001, second = 710_002;
        server.SendText(first, "/start " + tokens[0]);
        await harness.QuestionAsync(first, "INTRO");
        var before = harness.Database.Snapshot();

        server.SendText(second, "/start " + tokens[0]);
        await server.WaitForMessageAsync(second, m => m.Text.Contains("이미 사용되었습니다"), TelegramHarness.Wait);
        Assert.Equal(before, harness.Database.Snapshot());

        // The one who used it may come back through it: the interview resumes.
        server.SendText(first, "/start " + tokens[0]);
        await server.WaitForMessageAsync(first, m => m.Text.Contains("이어서 진행합니다"), TelegramHarness.Wait);

        // The second link is still unused.
        server.SendText(second, "/start " + tokens[1]);
        await harness.QuestionAsync(second, "INTRO");

        await using var db = harness.Database.Open();
        Assert.Equal(["gangnam_flyer", "gangnam_flyer"], await db.Respondents.OrderBy(r => r.Id).Select(r => r.Source).ToListAsync());
        Assert.Equal([1, 1], await db.Invitations.OrderBy(i => i.Id).Select(i => i.Uses).ToListAsync());

        // The source reaches the export.
        var exporter = new ResultExporter(harness.Database.Factory, ShippedFlows.Citizen.Definition);
        using var csv = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Csv, csv);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sourceColumn = Array.IndexOf(lines[0].Trim('\uFEFF', '\r').Split(','), "source");
        Assert.All(lines.Skip(1), line => Assert.Equal("gangnam_flyer", line.TrimEnd('\r').Split(',')[sourceColumn]));
    }

    [Fact]
    public async Task Expired_and_unknown_links_get_a_polite_message_and_store_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings(), clock: clock);
        var server = harness.Server;
        server.SendText(StaffSetup.StaffChat, "/invite citizen multi poster 2d");
        var reply = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("초대 링크"), TelegramHarness.Wait);
        Assert.Contains("여러 명", reply.Text);
        var token = Links().Match(reply.Text).Groups[1].Value;

        // A multi-use link serves many people while it is valid.
        server.SendText(720_001, "/start " + token);
        await harness.QuestionAsync(720_001, "INTRO");
        server.SendText(720_002, "/start " + token);
        await harness.QuestionAsync(720_002, "INTRO");

        clock.Advance(TimeSpan.FromDays(3));
        var before = harness.Database.Snapshot();
        server.SendText(720_003, "/start " + token);
        await server.WaitForMessageAsync(720_003, m => m.Text.Contains("유효 기간이 지났습니다"), TelegramHarness.Wait);
        server.SendText(720_004, "/start NoSuchToken_123");
        await server.WaitForMessageAsync(720_004, m => m.Text.Contains("유효하지 않은 설문 링크"), TelegramHarness.Wait);
        server.SendText(720_005, "/start bad!chars");
        await server.WaitForMessageAsync(720_005, m => m.Text.Contains("유효하지 않은 설문 링크"), TelegramHarness.Wait);
        Assert.Equal(before, harness.Database.Snapshot());

        // A flow id still works as a plain deep link.
        server.SendText(720_006, "/start citizen");
        await harness.QuestionAsync(720_006, "INTRO");
        await using var db = harness.Database.Open();
        Assert.Equal(2, (await db.Invitations.SingleAsync()).Uses);
        Assert.Equal(["poster", "poster", "link"], await db.Respondents.OrderBy(r => r.Id).Select(r => r.Source).ToListAsync());
    }

    [Fact]
    public async Task Bad_invite_commands_get_the_usage_and_create_nothing()
    {
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings());
        var server = harness.Server;
        string[] bad = ["/invite", "/invite citizen 0", "/invite citizen 51", "/invite citizen multi 3", "/invite citizen 2 bad!source", "/invite citizen 400d"];
        for (var i = 0; i < bad.Length; i++)
        {
            server.SendText(StaffSetup.StaffChat, bad[i]);
            var expected = i + 1;
            await server.WaitUntilAsync(() => server.Messages(StaffSetup.StaffChat).Count(m => m.Text.StartsWith("사용법: /invite", StringComparison.Ordinal)) == expected, TelegramHarness.Wait);
        }
        server.SendText(StaffSetup.StaffChat, "/invite nosuchflow");
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("'nosuchflow' 설문을 찾을 수 없습니다"), TelegramHarness.Wait);
        await using var db = harness.Database.Open();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [GeneratedRegex(@"\?start=([A-Za-z0-9_-]+)")]
    private static partial Regex Links();
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>The staff verbs as the README shows them: the real program, a real SQLite file.</summary>
public sealed partial class StaffCliTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private Dictionary<string, string> Environment => new() { ["ConnectionStrings__SurveyBot"] = _database.ConnectionString };

    [Fact]
    public async Task Invite_prints_links_and_stores_them_with_their_source()
    {
        var output = await RunAsync(0, "invite", "--flow", "citizen", "--count", "3", "--source", "mail", "--days", "14", "--bot", "seoul_survey_bot");
        var tokens = Links().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, tokens.Distinct().Count());
        await using var db = _database.Open();
        var stored = await db.Invitations.OrderBy(i => i.Id).ToListAsync();
        Assert.Equal(tokens, stored.Select(i => i.Token));
        Assert.All(stored, i => Assert.True(i.SingleUse && i.Source == "mail" && i.ExpiresAt > DateTime.UtcNow.AddDays(13.9) && i.ExpiresAt < DateTime.UtcNow.AddDays(14.1)));

        await RunAsync(2, "invite", "--flow", "citizen", "--source", "bad!", "--bot", "seoul_survey_bot");
        Assert.Equal(3, await db.Invitations.CountAsync());
    }

    [Fact]
    public async Task Broadcast_previews_queues_only_with_confirm_and_status_reports_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_database.Folder, "ids.csv"), "chat_id\n1001\n1002\n1001\n");
        var preview = await RunAsync(0, "broadcast", "--flow", "citizen", "--csv", "ids.csv");
        Assert.Contains("2 recipient(s)", preview);
        Assert.Contains("참여해 주시기 바랍니다", preview);
        await using (var db = _database.Open()) Assert.Equal(0, await db.Broadcasts.CountAsync());

        await RunAsync(0, "broadcast", "--flow", "citizen", "--csv", "ids.csv", "--text", "안내 말씀 드립니다", "--confirm");
        await using (var db = _database.Open())
        {
            var broadcast = await db.Broadcasts.SingleAsync();
            Assert.Equal((BroadcastRecord.Running, "csv", "안내 말씀 드립니다"), (broadcast.Status, broadcast.Audience, broadcast.Text));
            Assert.Equal([1001L, 1002L], await db.Deliveries.Where(d => d.Status == DeliveryRecord.Pending).Select(d => d.ChatId).OrderBy(c => c).ToListAsync());
        }
        var status = await RunAsync(0, "broadcast-status");
        Assert.Contains("방송 #1 (발송 중, 대상 csv)", status);
        Assert.Contains("전체 2명", status);

        await RunAsync(2, "broadcast", "--flow", "citizen", "--audience", "everyone");
    }

    private async Task<string> RunAsync(int expectedExit, params string[] args)
    {
        using var process = BotProcess.Start(_database.Folder, Environment, args);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == expectedExit, $"exit {exit}, expected {expectedExit}:\n{process.Output}");
        return process.Output;
    }

    [GeneratedRegex(@"https://t\.me/seoul_survey_bot\?start=([A-Za-z0-9_-]+)")]
    private static partial Regex Links();

    public void Dispose() => _database.Dispose();
}

using Microsoft.EntityFrameworkCore;
using SurveyBot.Cli;
using SurveyBot.Conversation;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>The <c>erase</c> verb: an erasure request removes every trace of the person's interviews, nobody else's.</summary>
public sealed class EraseTests : IDisposable
{
    private const long Erased = 222;
    private const long Kept = 333;

    private readonly TestDatabase _database = new();

    private Dictionary<string, string?> Settings => new() { ["ConnectionStrings:SurveyBot"] = _database.ConnectionString };

    [Fact]
    public async Task Erasing_a_chat_deletes_its_interviews_messages_deliveries_claims_and_contact_but_keeps_other_chats()
    {
        await SeedAsync();
        using var output = new StringWriter();

        var exitCode = await EraseVerb.RunAsync(Settings, output, null, Erased, ConversationHandler.ChannelName, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal($"erased 2 interview(s) and 5 stored message, delivery, invitation or contact row(s) of telegram chat {Erased}", output.ToString().Trim());
        await using var db = _database.Open();
        Assert.DoesNotContain(db.Respondents, r => r.ChatId == Erased);
        Assert.Equal(["r-333"], await db.Respondents.Select(r => r.PublicId).ToListAsync());
        Assert.Equal(["Q12"], await db.Answers.Select(a => a.Code).ToListAsync());
        var inbox = await db.Inbox.OrderBy(i => i.UpdateId).ToListAsync();
        // The handled update stays for its id only: no chat, no payload.
        Assert.Equal((0L, ""), (inbox[0].ChatId, inbox[0].PayloadJson));
        // The update not yet handled is still there for the bot; the other chat's are untouched.
        Assert.Contains(inbox, i => i.ChatId == Erased && i.ProcessedAt == null && i.PayloadJson.Contains("아직"));
        Assert.Contains(inbox, i => i.ChatId == Kept && i.PayloadJson.Contains("남길 응답"));
        var outbox = await db.Outbox.ToListAsync();
        Assert.DoesNotContain(outbox, o => o.ChatId == Erased);
        Assert.Contains(outbox, o => o.ChatId == Kept && o.PayloadJson.Contains("(6점)"));
        Assert.Equal([Kept], await db.Deliveries.Select(d => d.ChatId).ToListAsync());
        Assert.Equal([null, Kept], await db.Invitations.OrderBy(i => i.Id).Select(i => i.ClaimedBy).ToListAsync());
        Assert.Equal([Kept], await db.Contacts.Select(c => c.ChatId).ToListAsync());
    }

    [Fact]
    public async Task Erasing_a_chat_that_opted_out_keeps_only_its_id_and_the_opt_out()
    {
        await SeedAsync();
        await using (var db = _database.Open())
            await db.Contacts.Where(c => c.ChatId == Erased).ExecuteUpdateAsync(set => set.SetProperty(c => c.State, ContactRecord.Stopped));
        var before = DateTime.UtcNow.AddSeconds(-1);

        Assert.Equal(0, await EraseVerb.RunAsync(Settings, new StringWriter(), null, Erased, ConversationHandler.ChannelName, CancellationToken.None));

        await using var check = _database.Open();
        var contact = await check.Contacts.SingleAsync(c => c.ChatId == Erased);
        Assert.Equal(ContactRecord.Stopped, contact.State);
        // When it first wrote is history of the interviews: only the erasure's own time is left.
        Assert.True(contact.FirstSeenAt >= before && contact.LastSeenAt >= before);
    }

    [Fact]
    public async Task Erasing_by_respondent_id_deletes_that_interview_and_an_unknown_id_erases_nothing_with_exit_1()
    {
        await SeedAsync();
        using var output = new StringWriter();

        Assert.Equal(1, await EraseVerb.RunAsync(Settings, output, "r-unknown", null, ConversationHandler.ChannelName, CancellationToken.None));
        Assert.Contains("no respondent r-unknown", output.ToString());
        Assert.Equal(0, await EraseVerb.RunAsync(Settings, output, "r-222a", null, ConversationHandler.ChannelName, CancellationToken.None));

        await using var db = _database.Open();
        Assert.Equal(["r-222b", "r-333"], await db.Respondents.OrderBy(r => r.PublicId).Select(r => r.PublicId).ToListAsync());
        Assert.Equal(["DQ5_other", "Q12"], await db.Answers.OrderBy(a => a.Code).Select(a => a.Code).ToListAsync());
    }

    private async Task SeedAsync()
    {
        var at = new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await using var db = _database.Open();
        var first = Respondent("r-222a", Erased, 1, at);
        var second = Respondent("r-222b", Erased, 2, at);
        var other = Respondent("r-333", Kept, 3, at);
        db.Respondents.AddRange(first, second, other);
        await db.SaveChangesAsync();
        db.Answers.AddRange(
            new AnswerRecord { RespondentId = first.Id, Code = "SQ3", Value = "41", AnsweredAt = at },
            new AnswerRecord { RespondentId = second.Id, Code = "DQ5_other", Value = "지울 응답", AnsweredAt = at },
            new AnswerRecord { RespondentId = other.Id, Code = "Q12", Value = "6", AnsweredAt = at });
        db.Inbox.AddRange(
            new InboxRecord { UpdateId = 1, ChatId = Erased, PayloadJson = """{"message":{"text":"지울 응답"}}""", ReceivedAt = at, ProcessedAt = at },
            new InboxRecord { UpdateId = 2, ChatId = Kept, PayloadJson = """{"message":{"text":"남길 응답"}}""", ReceivedAt = at, ProcessedAt = at },
            new InboxRecord { UpdateId = 3, ChatId = Erased, PayloadJson = """{"message":{"text":"아직"}}""", ReceivedAt = at });
        db.Outbox.AddRange(
            new OutboxRecord { ChatId = Erased, PayloadJson = """{"text":"교통정보 문제 (7점)"}""", Status = OutboxRecord.Sent, CreatedAt = at },
            new OutboxRecord { ChatId = Kept, PayloadJson = """{"text":"교통정보 문제 (6점)"}""", Status = OutboxRecord.Sent, CreatedAt = at });
        db.Contacts.AddRange(
            new ContactRecord { ChatId = Erased, FirstSeenAt = at, LastSeenAt = at },
            new ContactRecord { ChatId = Kept, FirstSeenAt = at, LastSeenAt = at });
        var broadcast = new BroadcastRecord { FlowId = "citizen", Audience = "all", Text = "초대", Status = BroadcastRecord.Completed, CreatedAt = at, FinishedAt = at };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync();
        db.Deliveries.AddRange(
            new DeliveryRecord { BroadcastId = broadcast.Id, ChatId = Erased, Status = DeliveryRecord.Sent, UpdatedAt = at },
            new DeliveryRecord { BroadcastId = broadcast.Id, ChatId = Kept, Status = DeliveryRecord.Sent, UpdatedAt = at });
        db.Invitations.AddRange(
            new InvitationRecord { Token = "tok-erased", FlowId = "citizen", Source = "invite", SingleUse = true, Uses = 1, ClaimedBy = Erased, CreatedAt = at, ExpiresAt = at.AddDays(30) },
            new InvitationRecord { Token = "tok-kept", FlowId = "citizen", Source = "invite", SingleUse = true, Uses = 1, ClaimedBy = Kept, CreatedAt = at, ExpiresAt = at.AddDays(30) });
        await db.SaveChangesAsync();
    }

    private static RespondentRecord Respondent(string publicId, long chatId, long ordinal, DateTime at) => new()
    {
        PublicId = publicId,
        FlowId = "citizen",
        FlowVersion = 1,
        Channel = ConversationHandler.ChannelName,
        ChatId = chatId,
        Ordinal = ordinal,
        Status = "completed",
        StartedAt = at,
        UpdatedAt = at,
        CompletedAt = at,
    };

    public void Dispose() => _database.Dispose();
}

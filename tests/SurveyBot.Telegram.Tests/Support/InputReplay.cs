using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Engine.Runtime;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Support;

/// <summary>
/// What the engine stores for exactly the inputs a simulated respondent sent, each applied once and
/// in order: the reference a Telegram test compares the database with.
/// </summary>
public static class InputReplay
{
    public static Dictionary<string, string> CitizenAnswers(IReadOnlyList<RespondentInput> inputs, long ordinal)
    {
        var state = new InterviewState { Ordinal = ordinal };
        var interview = new Interview(ShippedFlows.Citizen.Plan, state, quotaCounts: QuotaCounts.Empty);
        var started = false;
        foreach (var input in inputs)
        {
            if (input.Typed == "/start")
            {
                if (!started) interview.Start();
                started = true;
            }
            else interview.Handle(input.CallbackData is { } data ? InterviewInput.Pressed(data) : InterviewInput.Typed(input.Typed!));
        }
        return new Dictionary<string, string>(state.Answers);
    }

    /// <summary>
    /// Each simulated respondent's Telegram interview is completed and holds exactly the answers its inputs
    /// give when each is applied once, in order; and every received update was handled without error.
    /// </summary>
    public static async Task AssertStoredExactlyAsync(SurveyDbContext db, IEnumerable<SimulatedRespondent> respondents)
    {
        foreach (var respondent in respondents)
        {
            var record = await db.Respondents.SingleAsync(r => r.Channel == ConversationHandler.ChannelName && r.ChatId == respondent.ChatId);
            Assert.Equal("completed", record.Status);
            var stored = await db.Answers.Where(a => a.RespondentId == record.Id).ToDictionaryAsync(a => a.Code, a => a.Value);
            Assert.Equal(CitizenAnswers(respondent.Sent, record.Ordinal), stored);
        }
        Assert.Equal(0, await db.Inbox.CountAsync(i => i.ProcessedAt == null || i.Error != null));
    }
}

using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Storage;

namespace SurveyBot.Testing;

/// <summary>
/// Drives interviews the way a channel does: every input in its own transaction against the real
/// SQLite file, through <see cref="InterviewService"/>.
/// </summary>
/// <param name="productionCommit">Commit through DirectSave, as the bot's processing batch does, instead of SaveChanges.</param>
/// <param name="channel">Storage's channel name: <c>telegram</c> makes the chat's contact and deliveries count, as for the bot's own.</param>
public sealed class InterviewDriver(TestDatabase database, FlowCatalog flows, TimeProvider clock, bool typedChoices = true, string channel = InterviewDriver.Channel, bool productionCommit = false)
{
    public const string Channel = "test";

    public FlowCatalog Flows => flows;

    public async Task<InterviewTurn> StartAsync(long chatId, string flowId, string? source = null)
    {
        await using var db = database.Open();
        var turn = await new InterviewService(new InterviewStore(db), flows, clock).StartOrResumeAsync(channel, chatId, flowId, source, typedChoices, default);
        await CommitAsync(db);
        return turn;
    }

    public async Task<InterviewTurn> SendAsync(long chatId, InterviewInput input)
    {
        await using var db = database.Open();
        var turn = await new InterviewService(new InterviewStore(db), flows, clock).HandleAsync(channel, chatId, input, typedChoices, default)
            ?? throw new InvalidOperationException($"chat {chatId} has no interview in progress");
        await CommitAsync(db);
        return turn;
    }

    private async Task CommitAsync(SurveyDbContext db)
    {
        if (productionCommit) await DirectSave.SaveAsync(db, default);
        else await db.SaveChangesAsync();
    }

    public Task<InterviewTurn> TypeAsync(long chatId, string text) => SendAsync(chatId, InterviewInput.Typed(text));

    /// <summary>Presses the button of the current prompt whose label is <paramref name="label"/>.</summary>
    public Task<InterviewTurn> PressAsync(long chatId, Prompt current, string label)
    {
        var button = current.Buttons.SelectMany(r => r).FirstOrDefault(b => b.Label == label)
            ?? throw new InvalidOperationException($"no button '{label}' on {current.StepId}: {string.Join(", ", current.Buttons.SelectMany(r => r).Select(b => b.Label))}");
        return SendAsync(chatId, InterviewInput.Pressed(button.Data));
    }
}

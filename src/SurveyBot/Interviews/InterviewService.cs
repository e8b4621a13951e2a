using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Storage;

namespace SurveyBot.Interviews;

/// <summary>
/// Runs one input of one chat through the engine and stages the result. It never commits: the
/// caller's single SaveChanges is the transaction, so whatever else belongs to the same input
/// (inbox, outbox) commits with it. Reads happen before that transaction, which is safe because a
/// chat's inputs are handled one at a time, and keeps SQLite's write lock short.
/// </summary>
public sealed class InterviewService(InterviewStore store, FlowCatalog flows, TimeProvider clock)
{
    /// <summary>Resumes the chat's interview in progress, or starts a new one of <paramref name="flowId"/>.</summary>
    public async Task<InterviewTurn> StartOrResumeAsync(string channel, long chatId, string flowId, string? source, bool typedChoices, CancellationToken cancellationToken)
    {
        if (await store.FindInProgressAsync(channel, chatId, cancellationToken) is { } existing && flows.TryGet(existing.FlowId, out var existingFlow))
        {
            var loaded = await store.LoadAsync(existing, cancellationToken);
            var engine = new Interview(existingFlow.Plan, loaded.State, typedChoices);
            return new InterviewTurn(loaded, new InterviewOutcome { Accepted = false }, engine.CurrentPrompt()) { Resumed = true };
        }
        var flow = flows[flowId];
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await store.CreateAsync(channel, chatId, flow.Id, flow.Definition.Version, source, now, cancellationToken);
        var interview = new Interview(flow.Plan, created.State, typedChoices);
        var outcome = interview.Start();
        store.Stage(created, outcome, now);
        return new InterviewTurn(created, outcome, outcome.Next ?? interview.CurrentPrompt());
    }

    /// <summary>
    /// Hands one input to the chat's interview in progress (or to its last, ended one, which refuses it
    /// politely); null when the chat never started one.
    /// </summary>
    public async Task<InterviewTurn?> HandleAsync(string channel, long chatId, InterviewInput input, bool typedChoices, CancellationToken cancellationToken)
    {
        var record = await store.FindInProgressAsync(channel, chatId, cancellationToken)
            ?? await store.FindLatestAsync(channel, chatId, cancellationToken);
        if (record is null || !flows.TryGet(record.FlowId, out var flow)) return null;
        var loaded = await store.LoadAsync(record, cancellationToken);
        var interview = new Interview(flow.Plan, loaded.State, typedChoices);
        var outcome = interview.Handle(input);
        store.Stage(loaded, outcome, clock.GetUtcNow().UtcDateTime);
        return new InterviewTurn(loaded, outcome, outcome.Next ?? interview.CurrentPrompt());
    }
}

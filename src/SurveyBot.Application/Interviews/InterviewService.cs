using System.Globalization;
using SurveyBot.Configuration;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Storage;

namespace SurveyBot.Interviews;

/// <summary>
/// Runs inputs through the engine and stages the results; one instance is one unit of work over one
/// database context. It never commits: the caller's single SaveChanges is the transaction, so
/// whatever else belongs to the same inputs (inbox, outbox) commits with them. Reads happen before
/// that transaction, which is safe because a chat's inputs are handled one at a time, and keeps
/// SQLite's write lock short. Interviews read once stay cached, so several inputs of one chat in a
/// batch see each other's effects. Each flow's fielding window (configuration) decides whether an
/// interview may start or go on; outside it the respondent is told so and nothing is stored.
/// </summary>
public sealed class InterviewService(InterviewStore store, FlowCatalog flows, TimeProvider clock)
{
    private readonly Dictionary<(string Channel, long Chat), LoadedInterview?> _current = [];

    /// <summary>Reads the current interviews of many chats at once (two queries), before their inputs are handled.</summary>
    public async Task PrefetchAsync(string channel, IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        var records = await store.FindCurrentAsync(channel, chatIds, cancellationToken);
        var loaded = InterviewStore.LoadMany(records.Values);
        foreach (var chat in chatIds) _current[(channel, chat)] = loaded.GetValueOrDefault(chat);
    }

    /// <summary>The chat's interview in progress, or else its most recent one; null when it never started one.</summary>
    public async Task<LoadedInterview?> CurrentAsync(string channel, long chatId, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue((channel, chatId), out var cached)) return cached;
        var record = await store.FindInProgressAsync(channel, chatId, cancellationToken)
            ?? await store.FindLatestAsync(channel, chatId, cancellationToken);
        var loaded = record is null ? null : InterviewStore.Rebuild(record);
        _current[(channel, chatId)] = loaded;
        return loaded;
    }

    /// <summary>
    /// The chat's most recent ended interview of <paramref name="flowId"/>, however many interviews of other
    /// flows came after it; null when it has none.
    /// </summary>
    public async Task<LoadedInterview?> LatestEndedAsync(string channel, long chatId, string flowId, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(channel, chatId, cancellationToken);
        if (current is null) return null;
        if (current.Record.FlowId == flowId && current.State.Status != InterviewStatus.InProgress) return current;
        var record = await store.FindLatestEndedAsync(channel, chatId, flowId, cancellationToken);
        return record is null ? null : InterviewStore.Rebuild(record);
    }

    /// <summary>Notes that the chat's interviews were erased in this unit of work: later inputs of the chat find none.</summary>
    public void Forget(string channel, long chatId) => _current[(channel, chatId)] = null;

    /// <summary>
    /// Resumes the chat's interview in progress (unless its flow closed past the grace period), or
    /// starts a new one of <paramref name="flowId"/> when that flow is open; otherwise the turn holds
    /// no interview and its final prompt says when the flow opens or that it has closed.
    /// </summary>
    public async Task<InterviewTurn> StartOrResumeAsync(string channel, long chatId, string flowId, string? source, bool typedChoices, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(channel, chatId, cancellationToken) is { } existing
            && existing.State.Status == InterviewStatus.InProgress
            && flows.TryGet(existing.Record.FlowId, existing.Record.FlowVersion, out var existingFlow))
        {
            if (Closure(existingFlow, FieldingPhase.Grace) is { } closed) return Refused(existing, closed);
            // A respondent is created and started in one commit, so one in progress always has a current step.
            var resumed = new Interview(existingFlow.Plan, existing.State, typedChoices);
            return new InterviewTurn(existing, new InterviewOutcome { Accepted = false }, resumed.CurrentPrompt()) { Resumed = true };
        }
        var flow = flows[flowId];
        if (Closure(flow, FieldingPhase.Open) is { } notOpen) return Refused(null, notOpen);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await store.CreateAsync(channel, chatId, flow.Id, flow.Definition.Version, source, now, cancellationToken);
        _current[(channel, chatId)] = created;
        var interview = new Interview(flow.Plan, created.State, typedChoices);
        var outcome = interview.Start();
        if (outcome.NeedsQuotaCounts)
        {
            interview = new Interview(flow.Plan, created.State, typedChoices, quotaCounts: await CountQuotasAsync(flow, outcome.QuotaCells, cancellationToken));
            outcome = interview.Start();
        }
        store.Stage(created, outcome, now);
        return new InterviewTurn(created, outcome, outcome.Next ?? interview.CurrentPrompt());
    }

    /// <summary>
    /// Hands one input to the chat's interview in progress (or to its last, ended one, which refuses it
    /// politely); null when the chat never started one.
    /// </summary>
    public async Task<InterviewTurn?> HandleAsync(string channel, long chatId, InterviewInput input, bool typedChoices, CancellationToken cancellationToken)
    {
        var loaded = await CurrentAsync(channel, chatId, cancellationToken);
        if (loaded is null || !flows.TryGet(loaded.Record.FlowId, loaded.Record.FlowVersion, out var flow)) return null;
        if (loaded.State.Status == InterviewStatus.InProgress && Closure(flow, FieldingPhase.Grace) is { } closed) return Refused(loaded, closed);
        var interview = new Interview(flow.Plan, loaded.State, typedChoices);
        var before = loaded.State.Status == InterviewStatus.InProgress ? interview.CurrentPrompt() : null;
        var outcome = interview.Handle(input);
        if (outcome.NeedsQuotaCounts)
        {
            // The input settles a quota cell: count now, under the writer gate, and hand it again.
            interview = new Interview(flow.Plan, loaded.State, typedChoices, quotaCounts: await CountQuotasAsync(flow, outcome.QuotaCells, cancellationToken));
            outcome = interview.Handle(input);
        }
        store.Stage(loaded, outcome, clock.GetUtcNow().UtcDateTime);
        return new InterviewTurn(loaded, outcome, outcome.Next ?? interview.CurrentPrompt()) { Previous = before };
    }

    private Task<QuotaCounts> CountQuotasAsync(LoadedFlow flow, IReadOnlyList<QuotaCell> cells, CancellationToken cancellationToken) =>
        store.CountQuotasForCheckAsync(flow.Id, cells, cancellationToken);

    /// <summary>The message for a respondent when the flow's window is past <paramref name="allowed"/> (or not yet open); null when it is not.</summary>
    private string? Closure(LoadedFlow flow, FieldingPhase allowed)
    {
        var window = flow.Fielding;
        var phase = window.PhaseAt(clock.GetUtcNow());
        var messages = FieldingMessages.Korean;
        return phase switch
        {
            FieldingPhase.NotYetOpen => string.Format(messages.NotYetOpen, window.Opens!.Value.ToString(messages.DateFormat, CultureInfo.InvariantCulture)),
            _ when phase > allowed => string.Format(messages.Closed, window.Closes!.Value.ToString(messages.DateFormat, CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    /// <summary>A turn that changes nothing: the message is both the notice and the (final) prompt shown.</summary>
    private static InterviewTurn Refused(LoadedInterview? interview, string message) =>
        new(interview, new InterviewOutcome { Accepted = false, Notice = message }, new Prompt("", message, []) { IsFinal = true });
}

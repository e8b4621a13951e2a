using SurveyBot.Engine.Kinds;
using SurveyBot.Engine.Runtime.Events;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// The interview engine for one respondent: pure, no I/O. Give it the flow plan and the stored state, hand it one
/// input, and it returns what to store and what to show. The step's kind judges the input; the flow's machine
/// (<see cref="InterviewMachine"/>) decides where an answer leads.
/// </summary>
public sealed class Interview
{
    private readonly FlowPlan _plan;
    private readonly InterviewState _state;
    private readonly EngineMessages _messages;
    private readonly PromptBuilder _prompts;
    private readonly bool _typedChoices;
    private readonly QuotaCounts? _quotaCounts;
    private readonly InterviewMachine _machine;

    /// <param name="typedChoices">Accept options typed as numbers or labels (console); otherwise buttons are required (Telegram).</param>
    /// <param name="quotaCounts">
    /// Completed interviews per quota cell, read when the caller knew an input would settle a cell;
    /// without them such an input is handed back with <see cref="InterviewOutcome.NeedsQuotaCounts"/>.
    /// </param>
    public Interview(FlowPlan plan, InterviewState state, bool typedChoices = false, EngineMessages? messages = null, QuotaCounts? quotaCounts = null)
    {
        _plan = plan;
        _quotaCounts = quotaCounts;
        _state = state;
        _typedChoices = typedChoices;
        _messages = messages ?? EngineMessages.Korean;
        _prompts = new PromptBuilder(plan, _messages, typedChoices);
        _machine = InterviewMachine.For(plan);
    }

    public InterviewState State => _state;

    /// <summary>Starts a new interview: stores what the first steps compute and shows the first question.</summary>
    public InterviewOutcome Start()
    {
        if (_state.CurrentStep is not null) return new InterviewOutcome { Accepted = false, Next = CurrentPrompt() };
        return Route(null, new Dictionary<string, string>(_state.Answers, StringComparer.Ordinal), [], null);
    }

    /// <summary>The prompt for where the interview stands (the closing message once it has ended).</summary>
    public Prompt CurrentPrompt() =>
        _state.Status != InterviewStatus.InProgress || _state.CurrentStep is null || !_plan.TryGetStep(_state.CurrentStep, out var step)
            ? _prompts.Final(_state)
            : _prompts.Build(step, _state);

    public InterviewOutcome Handle(InterviewInput input)
    {
        if (_state.Status != InterviewStatus.InProgress) return Refuse(_messages.AlreadyFinished);
        if (_state.CurrentStep is null) return Start();
        var step = _plan[_state.CurrentStep];
        var context = new AnswerContext(_state, _messages, _typedChoices);

        switch (input.Kind)
        {
            case InputKind.Back:
                return GoBack(step);
            case InputKind.Button:
                if (!CallbackData.TryParse(input.Text, out var stepId, out var value) || stepId != step.Id) return Refuse(_messages.StaleButton);
                return value == CallbackData.Back ? GoBack(step) : Apply(step, step.Node.Kind.Accept(step, new StepInput(true, value), context));
            default:
                return input.Text.Trim() is "/back" or "/이전" ? GoBack(step) : Apply(step, step.Node.Kind.Accept(step, new StepInput(false, input.Text), context));
        }
    }

    private InterviewOutcome Apply(Step step, StepAnswer answer)
    {
        if (answer.Refusal is { } refusal) return Refuse(refusal);
        if (answer.Advances)
        {
            var working = new Dictionary<string, string>(_state.Answers, StringComparer.Ordinal);
            foreach (var change in answer.Changes) Set(working, change);
            return Route(step, working, [.. answer.Changes], answer.Label);
        }
        // Part of an answer (an open text continued, an option toggled): stored, the step stays.
        foreach (var change in answer.Changes) Set(_state.Answers, change);
        return new InterviewOutcome
        {
            Accepted = true,
            Notice = answer.Notice,
            Changes = answer.Changes,
            Next = answer.Notice is null ? CurrentPrompt() : null,
        };
    }

    /// <summary>Asks the machine where the interview goes from <paramref name="answered"/> (null: the start) and stores what passing there computes.</summary>
    private InterviewOutcome Route(Step? answered, Dictionary<string, string> working, List<AnswerChange> changes, string? label)
    {
        var from = answered?.Index ?? -1;
        var (step, status, screenedOutAt) = (_state.CurrentStep, _state.Status, _state.ScreenedOutAt);
        var request = new RouteRequest(_plan, _state, from, working, _quotaCounts);
        var edge = _machine.Fire(request);
        if (request.MissingCounts.Count > 0)
        {
            (_state.CurrentStep, _state.Status, _state.ScreenedOutAt) = (step, status, screenedOutAt);
            return new InterviewOutcome { NeedsQuotaCounts = true, QuotaCells = request.MissingCounts.DistinctBy(c => (c.Quota.Code, c.Key)).ToList() };
        }

        var arrival = new ArrivalContext(working, _state.Ordinal, changes);
        for (var i = from + 1; i < edge.Until && i < _plan.Steps.Count; i++)
        {
            var passed = _plan.Steps[i];
            if (passed.Hidden && (passed.Node.ShowIf?.Evaluate(working) ?? true)) passed.Node.Kind.Arrive(passed, arrival);
        }
        if (_plan.TryGetStep(edge.To, out var destination)) destination.Node.Kind.Arrive(destination, arrival);

        foreach (var change in changes) Set(_state.Answers, change);
        if (answered is not null)
        {
            var set = changes.Select(c => c.Column).Distinct().ToList();
            if (answered.Column is { } own && !set.Contains(own)) set.Add(own);
            _state.History.Add(new HistoryEntry(answered.Id, set));
        }

        return new InterviewOutcome
        {
            Accepted = true,
            Changes = changes,
            Next = CurrentPrompt(),
            AnsweredStep = answered?.Id,
            AnsweredLabel = label,
        };
    }

    /// <summary>Undoes the last answer: back to the step it answered, every column it set (and the current step's partial answer) erased.</summary>
    private InterviewOutcome GoBack(Step step)
    {
        if (_state.History.Count == 0) return Refuse(_messages.NothingBefore);
        var entry = _state.History[^1];
        var erase = new List<string>(entry.Set);
        foreach (var partial in step.StoredColumns ?? (step.Column is { } column ? [column] : []))
            if (_state.Answers.ContainsKey(partial) && !erase.Contains(partial)) erase.Add(partial);

        _state.CurrentStep = entry.StepId;
        _state.History.RemoveAt(_state.History.Count - 1);
        var changes = new List<AnswerChange>();
        foreach (var column in erase.Where(_state.Answers.ContainsKey))
        {
            _state.Answers.Remove(column);
            changes.Add(new AnswerChange(column, null));
        }
        return new InterviewOutcome
        {
            Accepted = true,
            Changes = changes,
            Events = [new WentBack(step.Id, entry.StepId, erase)],
            Next = CurrentPrompt(),
            AnsweredStep = step.Id,
        };
    }

    private static void Set(Dictionary<string, string> answers, AnswerChange change)
    {
        if (change.Value is null) answers.Remove(change.Column);
        else answers[change.Column] = change.Value;
    }

    private static InterviewOutcome Refuse(string notice) => new() { Accepted = false, Notice = notice };
}

using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime.Events;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// The interview engine for one respondent: pure, no I/O. Give it the flow plan and the stored
/// state, hand it one input, and it returns what to store and what to show. Routing runs through a
/// Stateless machine rebuilt from <see cref="InterviewState"/> on every call.
/// </summary>
public sealed class Interview
{
    private readonly FlowPlan _plan;
    private readonly InterviewState _state;
    private readonly EngineMessages _messages;
    private readonly PromptBuilder _prompts;
    private readonly bool _typedChoices;
    private readonly QuotaCounts? _quotaCounts;

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
        _prompts = new PromptBuilder(plan, _messages);
    }

    public InterviewState State => _state;

    /// <summary>Starts a new interview: stores what the first steps compute and shows the first question.</summary>
    public InterviewOutcome Start()
    {
        if (_state.CurrentStep is not null) return new InterviewOutcome { Accepted = false, Next = CurrentPrompt() };
        var working = new Dictionary<string, string>(_state.Answers);
        var route = RouteFrom(-1, working, []);
        if (!CheckQuotas(working, ref route, out var full, out var cells)) return new InterviewOutcome { NeedsQuotaCounts = true, QuotaCells = cells };
        Fire(InterviewMachine.NotStarted, route);
        ApplyRoute(route, null);
        List<InterviewEvent> events = [new InterviewStarted(route.Destination)];
        if (full is not null) events.Add(full);
        return new InterviewOutcome
        {
            Accepted = true,
            Changes = route.Changes,
            Events = events,
            Next = CurrentPrompt(),
        };
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

        switch (input.Kind)
        {
            case InputKind.Back:
                return GoBack(step);
            case InputKind.Button:
                if (!CallbackData.TryParse(input.Text, out var stepId, out var value) || stepId != step.Id) return Refuse(_messages.StaleButton);
                return value switch
                {
                    CallbackData.Back => GoBack(step),
                    CallbackData.Next when step.Kind == StepKind.Info => Advance(step, null, null),
                    CallbackData.Done when step.Kind == StepKind.OpenText => FinishOpen(step),
                    _ => AnswerChoice(step, value, typed: false),
                };
            default:
                return HandleText(step, input.Text);
        }
    }

    private InterviewOutcome HandleText(Step step, string raw)
    {
        var text = raw.Trim();
        if (text is "/back" or "/이전") return GoBack(step);
        switch (step.Kind)
        {
            case StepKind.Info:
                return _typedChoices || text == _messages.NextButton ? Advance(step, null, null) : Refuse(_messages.UseButtons);
            case StepKind.Choice or StepKind.Rating or StepKind.RankPick:
                return _typedChoices ? AnswerChoice(step, text, typed: true) : Refuse(_messages.UseButtons);
            case StepKind.Numeric:
                return AnswerNumber(step, text);
            case StepKind.OpenText:
                return text == _messages.DoneWord ? FinishOpen(step) : AppendOpen(step, raw);
            case StepKind.OtherText:
                if (text.Length == 0) return Refuse(_messages.EmptyAnswer);
                if (text.Length > step.Node.MaxLength) return Refuse(string.Format(_messages.TooLong, step.Node.MaxLength));
                return Advance(step, text, text);
            default:
                return Refuse(_messages.UseButtons);
        }
    }

    private InterviewOutcome AnswerChoice(Step step, string value, bool typed)
    {
        var node = step.Node;
        var refusal = typed ? _messages.PickFromList : _messages.StaleButton;
        int? code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        switch (step.Kind)
        {
            case StepKind.Choice:
                {
                    var option = node.Options.FirstOrDefault(o => o.Code == code)
                        ?? (typed ? node.Options.FirstOrDefault(o => SameLabel(o.Label, value)) : null);
                    return option is null ? Refuse(refusal) : Advance(step, option.Code.ToString(CultureInfo.InvariantCulture), option.Label);
                }
            case StepKind.Rating:
                {
                    var scale = node.Scale!;
                    if (node.NotApplicable is { } na && (code == na.Code || (typed && SameLabel(na.Label, value))))
                        return Advance(step, na.Code.ToString(CultureInfo.InvariantCulture), na.Label);
                    return code is { } point && point >= scale.Min && point <= scale.Max
                        ? Advance(step, point.ToString(CultureInfo.InvariantCulture), point.ToString(CultureInfo.InvariantCulture))
                        : Refuse(typed ? string.Format(_messages.OutOfRange, scale.Min, scale.Max) : refusal);
                }
            case StepKind.RankPick:
                {
                    var chosen = PromptBuilder.ChosenSoFar(step, _state);
                    var option = node.Options.FirstOrDefault(o => o.Code == code)
                        ?? (typed ? node.Options.FirstOrDefault(o => SameLabel(o.Label, value)) : null);
                    return option is null || chosen.Contains(option.Code)
                        ? Refuse(refusal)
                        : Advance(step, option.Code.ToString(CultureInfo.InvariantCulture), option.Label);
                }
            default:
                return Refuse(refusal);
        }
    }

    private InterviewOutcome AnswerNumber(Step step, string text)
    {
        if (text.Length == 0) return Refuse(_messages.EmptyAnswer);
        var node = step.Node;
        var digits = node.Unit is { } unit && text.EndsWith(unit, StringComparison.Ordinal) ? text[..^unit.Length].Trim() : text;
        if (!int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return Refuse(_messages.NotANumber);
        if (number < node.Min || number > node.Max) return Refuse(string.Format(_messages.OutOfRange, node.Min, node.Max));
        var value = number.ToString(CultureInfo.InvariantCulture);
        return Advance(step, value, value + (node.Unit ?? ""));
    }

    private InterviewOutcome AppendOpen(Step step, string raw)
    {
        var piece = raw.Trim();
        if (piece.Length == 0) return Refuse(_messages.EmptyAnswer);
        var column = step.Column!;
        var combined = _state.Answers.TryGetValue(column, out var earlier) ? earlier + "\n" + piece : piece;
        if (combined.Length > step.Node.MaxLength) return Refuse(string.Format(_messages.TooLong, step.Node.MaxLength));
        _state.Answers[column] = combined;
        return new InterviewOutcome
        {
            Accepted = true,
            Notice = _messages.OpenSaved,
            Changes = [new AnswerChange(column, combined)],
            Events = [new AnswerRecorded(column, combined)],
        };
    }

    private InterviewOutcome FinishOpen(Step step)
    {
        if (!_state.Answers.TryGetValue(step.Column!, out var text) || text.Length == 0) return Refuse(_messages.EmptyAnswer);
        return Advance(step, null, text.Length > 40 ? text[..40] + "…" : text);
    }

    /// <summary>Stores <paramref name="value"/> for the step (null: nothing new to store) and moves on.</summary>
    private InterviewOutcome Advance(Step step, string? value, string? label)
    {
        var working = new Dictionary<string, string>(_state.Answers, StringComparer.Ordinal);
        var changes = new List<AnswerChange>();
        if (value is not null && step.Column is { } column)
        {
            working[column] = value;
            changes.Add(new AnswerChange(column, value));
        }

        Route route;
        if (step.LastOfNode && step.Node.ScreenOutIf is { } screen && screen.Evaluate(working))
            route = new Route(InterviewMachine.ScreenedOut, changes, ScreenedOut: true);
        else
            route = RouteFrom(step.Index, working, changes);
        if (!CheckQuotas(working, ref route, out var full, out var cells)) return new InterviewOutcome { NeedsQuotaCounts = true, QuotaCells = cells };

        Fire(step.Id, route);
        var set = route.Changes.Select(c => c.Column).ToList();
        if (step.Column is { } own && !set.Contains(own)) set.Add(own);
        ApplyRoute(route, new HistoryEntry(step.Id, set));

        var events = new List<InterviewEvent>();
        events.AddRange(route.Changes.Select(c => new AnswerRecorded(c.Column, c.Value!)));
        if (route.ScreenedOut) events.Add(new ScreenedOut(step.Node.Code));
        else if (full is not null) events.Add(full);
        else if (route.Destination == InterviewMachine.Completed) events.Add(new InterviewCompleted());
        return new InterviewOutcome
        {
            Accepted = true,
            Changes = route.Changes,
            Events = events,
            Next = CurrentPrompt(),
            AnsweredStep = step.Id,
            AnsweredLabel = label,
        };
    }

    private InterviewOutcome GoBack(Step step)
    {
        if (_state.History.Count == 0) return Refuse(_messages.NothingBefore);
        var entry = _state.History[^1];
        var erase = new List<string>(entry.Set);
        if (step.Column is { } partial && _state.Answers.ContainsKey(partial) && !erase.Contains(partial)) erase.Add(partial);

        var machine = InterviewMachine.Create(() => _state.CurrentStep!, s => _state.CurrentStep = s);
        InterviewMachine.Configure(machine, InterviewMachine.AnswerTrigger(machine), _plan, step.Id, () => entry.StepId);
        machine.Fire(InterviewTrigger.Back);

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

    /// <summary>Walks forward from the step at <paramref name="index"/> to the next one to show, computing recodes and rotation on the way.</summary>
    private Route RouteFrom(int index, Dictionary<string, string> working, List<AnswerChange> changes)
    {
        for (var i = index + 1; i < _plan.Steps.Count; i++)
        {
            var next = _plan.Steps[i];
            if (next.Node.ShowIf is { } showIf && !showIf.Evaluate(working)) continue;
            switch (next.Kind)
            {
                case StepKind.OtherText:
                    var chosen = working.GetValueOrDefault(next.Node.Code);
                    if (next.Node.Options.Any(o => o.Other && o.Code.ToString(CultureInfo.InvariantCulture) == chosen)) return new Route(next.Id, changes, false);
                    continue;
                case StepKind.Recode:
                    if (Recode(next.Node, working) is { } band)
                    {
                        var value = band.ToString(CultureInfo.InvariantCulture);
                        working[next.Column!] = value;
                        changes.Add(new AnswerChange(next.Column!, value));
                    }
                    if (next.Node.ScreenOutIf is { } screen && screen.Evaluate(working)) return new Route(InterviewMachine.ScreenedOut, changes, true);
                    continue;
                case StepKind.RankPick when next.Pick == 1 && next.Node.Rotate && !working.ContainsKey(next.Node.OrderColumn):
                    var order = string.Join(',', FlowPlan.RotatedOrder(next.Node, _state.Ordinal));
                    working[next.Node.OrderColumn] = order;
                    changes.Add(new AnswerChange(next.Node.OrderColumn, order));
                    return new Route(next.Id, changes, false);
                default:
                    return new Route(next.Id, changes, false);
            }
        }
        return new Route(InterviewMachine.Completed, changes, false);
    }

    /// <summary>
    /// Checks the quotas whose cell this route settles (all their variables known, one of them set on
    /// the way): when a cell is already full the route ends the interview as quota_full. False when
    /// a cell is settled but no counts were given, so the caller must count the <paramref name="cells"/> and
    /// hand the input again.
    /// </summary>
    private bool CheckQuotas(Dictionary<string, string> working, ref Route route, out EndedByFullQuota? full, out IReadOnlyList<QuotaCell> cells)
    {
        full = null;
        cells = [];
        if (route.ScreenedOut || _plan.Flow.Quotas.Count == 0) return true;
        var set = route.Changes.Where(c => c.Value is not null).Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        if (_quotaCounts is null)
        {
            cells = _plan.Flow.Quotas
                .Where(q => q.Variables.Any(set.Contains))
                .Select(q => CellOf(q, working) is { } values ? new QuotaCell(q, values) : null)
                .OfType<QuotaCell>()
                .ToList();
            return cells.Count == 0;
        }
        foreach (var quota in _plan.Flow.Quotas)
        {
            if (!quota.Variables.Any(set.Contains) || CellOf(quota, working) is not { } cell) continue;
            var key = Quota.KeyOf(cell);
            if (_quotaCounts.Completed(quota.Code, key) < quota.TargetOf(cell)) continue;
            full = new EndedByFullQuota(quota.Code, key);
            route = route with { Destination = InterviewMachine.QuotaFull };
            return true;
        }
        return true;
    }

    /// <summary>The respondent's cell of <paramref name="quota"/>, or null while one of its variables is unknown.</summary>
    private static int[]? CellOf(Quota quota, Dictionary<string, string> answers)
    {
        var cell = new int[quota.Variables.Count];
        for (var i = 0; i < cell.Length; i++)
        {
            if (!answers.TryGetValue(quota.Variables[i], out var raw) || !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out cell[i])) return null;
        }
        return cell;
    }

    private static int? Recode(QuestionNode node, Dictionary<string, string> answers) =>
        answers.TryGetValue(node.From!, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? node.Bands.FirstOrDefault(b => b.Contains(value))?.Code
            : null;

    private void Fire(string from, Route route)
    {
        var machine = InterviewMachine.Create(() => _state.CurrentStep ?? InterviewMachine.NotStarted, s => _state.CurrentStep = s);
        var answer = InterviewMachine.AnswerTrigger(machine);
        InterviewMachine.Configure(machine, answer, _plan, from, null);
        machine.Fire(answer, route);
    }

    private void ApplyRoute(Route route, HistoryEntry? entry)
    {
        foreach (var change in route.Changes) _state.Answers[change.Column] = change.Value!;
        if (entry is not null) _state.History.Add(entry);
        if (route.ScreenedOut)
        {
            _state.Status = InterviewStatus.ScreenedOut;
            _state.ScreenedOutAt = entry is null ? null : _plan[entry.StepId].Node.Code;
            _state.CurrentStep = InterviewMachine.ScreenedOut;
        }
        else if (route.Destination == InterviewMachine.QuotaFull)
        {
            _state.Status = InterviewStatus.QuotaFull;
            _state.ScreenedOutAt = entry is null ? null : _plan[entry.StepId].Node.Code;
        }
        else if (route.Destination == InterviewMachine.Completed)
        {
            _state.Status = InterviewStatus.Completed;
        }
    }

    private static bool SameLabel(string label, string typed) =>
        string.Equals(label.Trim(), typed.Trim(), StringComparison.OrdinalIgnoreCase);

    private static InterviewOutcome Refuse(string notice) => new() { Accepted = false, Notice = notice };
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Stateless;
using Stateless.Reflection;
using SurveyBot.Engine.Definition.Conditions;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// The Stateless machine of one flow version, configured once and shared by every interview of it: its states are
/// the shown steps and the ends, and every state permits the transitions its answer may take, each guarded by the
/// flow's own conditions (<c>show_if</c>, <c>screen_out_if</c>, an other-specify choice, a full quota cell) with the
/// condition's text as description, in the order the flow file gives them. Entering an end sets the interview's
/// status. The interview asks the machine where an answer leads; <see cref="FlowGraph"/> draws the same machine.
/// </summary>
/// <remarks>
/// Stateless binds the state accessor at construction and is not thread-safe, while interviews of one flow run on
/// several shards at once: the accessor reads the request of the firing in progress, and firings take a lock (a
/// firing only evaluates conditions, microseconds).
/// </remarks>
public sealed class InterviewMachine
{
    public const string NotStarted = "(start)";
    public const string Completed = "(completed)";
    public const string ScreenedOut = "(screened_out)";
    public const string QuotaFull = "(quota_full)";

    private static readonly ConditionalWeakTable<FlowPlan, InterviewMachine> Machines = new();

    private readonly FlowPlan _plan;
    private readonly StateMachine<string, InterviewTrigger> _machine;
    private readonly StateMachine<string, InterviewTrigger>.TriggerWithParameters<RouteRequest> _begin;
    private readonly StateMachine<string, InterviewTrigger>.TriggerWithParameters<RouteRequest> _answer;
    private readonly Lock _gate = new();
    private RouteRequest? _firing;

    private InterviewMachine(FlowPlan plan)
    {
        _plan = plan;
        _machine = new StateMachine<string, InterviewTrigger>(() => _firing?.State.CurrentStep ?? NotStarted, s => Firing.State.CurrentStep = s);
        _begin = _machine.SetTriggerParameters<RouteRequest>(InterviewTrigger.Begin);
        _answer = _machine.SetTriggerParameters<RouteRequest>(InterviewTrigger.Answer);
        var edges = new List<RouteEdge>();
        edges.AddRange(Configure(NotStarted, -1, _begin));
        foreach (var step in plan.Steps.Where(s => !s.Hidden)) edges.AddRange(Configure(step.Id, step.Index, _answer));
        _machine.Configure(Completed).OnEntry(() => Firing.State.Status = InterviewStatus.Completed, "status completed");
        _machine.Configure(ScreenedOut).OnEntry(t => End(t, InterviewStatus.ScreenedOut), "status screened_out");
        _machine.Configure(QuotaFull).OnEntry(t => End(t, InterviewStatus.QuotaFull), "status quota_full");
        Edges = edges;
    }

    /// <summary>The machine of <paramref name="plan"/>, configured on first use.</summary>
    public static InterviewMachine For(FlowPlan plan) => Machines.GetValue(plan, p => new InterviewMachine(p));

    /// <summary>Every permitted transition, in the order each state tries them.</summary>
    public IReadOnlyList<RouteEdge> Edges { get; }

    /// <summary>The machine as Stateless describes it (states, transitions, guard descriptions), for the graph writers.</summary>
    public StateMachineInfo Info
    {
        get
        {
            lock (_gate) return _machine.GetInfo();
        }
    }

    private RouteRequest Firing => _firing ?? throw new InvalidOperationException("the interview machine is read outside a firing");

    /// <summary>
    /// Fires the start (before the first step) or the answer to the current step; the state's current step (and, at
    /// an end, its status) is then where the machine went. Returns the edge taken.
    /// </summary>
    public RouteEdge Fire(RouteRequest request)
    {
        lock (_gate)
        {
            _firing = request;
            try
            {
                _machine.Fire(request.State.CurrentStep is null ? _begin : _answer, request);
            }
            finally
            {
                _firing = null;
            }
        }
        return request.Taken ?? throw new InvalidOperationException("the interview machine moved without a guard recording the edge");
    }

    private void End(StateMachine<string, InterviewTrigger>.Transition transition, InterviewStatus status)
    {
        var state = Firing.State;
        state.Status = status;
        state.ScreenedOutAt = _plan.TryGetStep(transition.Source, out var answered) ? answered.Node.Code : null;
    }

    /// <summary>Configures the transitions out of one state, each guard true only when no earlier one is.</summary>
    private List<RouteEdge> Configure(string state, int index, StateMachine<string, InterviewTrigger>.TriggerWithParameters<RouteRequest> trigger)
    {
        var edges = Routes(state, index);
        var config = _machine.Configure(state);
        for (var k = 0; k < edges.Count; k++)
        {
            var edge = edges[k];
            var earlier = edges.Take(k).Where(e => e.Guard is not null).Select(e => e.Guard!).ToArray();
            config.PermitIf(trigger, edge.To, request =>
            {
                foreach (var guard in earlier)
                    if (guard(request)) return false;
                if (edge.Guard is { } own && !own(request)) return false;
                request.Taken = edge;
                return true;
            }, edge.Description);
        }
        return edges;
    }

    /// <summary>
    /// The transitions out of a state in the order they are tried: the answered node's <c>screen_out_if</c>; the
    /// hidden steps right after it (their <c>screen_out_if</c>); a quota whose cell they settle being full; then each
    /// following step while steps are conditional, a hidden step's screen-out among them, the first unconditional
    /// step (or the end) last.
    /// </summary>
    private List<RouteEdge> Routes(string state, int index)
    {
        var edges = new List<RouteEdge>();
        if (index >= 0 && _plan.Steps[index] is { LastOfNode: true, Node.ScreenOutIf: { } own })
            edges.Add(new RouteEdge(state, ScreenedOut, own.Source, r => own.Evaluate(r.AnswersAt(index + 1)), index + 1));

        var end = index;
        while (end + 1 < _plan.Steps.Count && _plan.Steps[end + 1].Hidden) end++;
        var settledBy = Enumerable.Range(index + 1, end - index).Select(i => _plan.Steps[i]).ToList();
        if (index >= 0) settledBy.Insert(0, _plan.Steps[index]);
        var settledQuotas = new List<Definition.Quota>();
        for (var j = index + 1; j <= end; j++)
            if (HiddenScreenOut(state, j) is { } screen) edges.Add(screen);
        foreach (var quota in _plan.Flow.Quotas)
        {
            if (!Settles(quota, settledBy, end)) continue;
            edges.Add(new RouteEdge(state, QuotaFull, $"quota {quota.Code} full", r => IsFull(quota, r.AnswersAt(end + 1), r), end + 1));
        }

        for (var j = end + 1; j < _plan.Steps.Count; j++)
        {
            var step = _plan.Steps[j];
            if (step.Hidden)
            {
                if (HiddenScreenOut(state, j) is { } screen) edges.Add(screen);
                continue;
            }
            var conditions = new[] { step.Node.ShowIf, step.Node.Kind.AskedWhen(step) }.OfType<Condition>().ToList();
            var at = j;
            if (conditions.Count == 0)
            {
                edges.Add(new RouteEdge(state, step.Id, "next", null, at));
                return edges;
            }
            edges.Add(new RouteEdge(state, step.Id, string.Join(" and ", conditions.Select(c => c.Source)), r => conditions.All(c => c.Evaluate(r.AnswersAt(at))), at));
        }
        edges.Add(new RouteEdge(state, Completed, "end", null, _plan.Steps.Count));
        return edges;
    }

    /// <summary>A hidden step's screen-out, judged on its own result (a recode's band), when its <c>show_if</c> lets it run.</summary>
    private RouteEdge? HiddenScreenOut(string state, int j)
    {
        var step = _plan.Steps[j];
        if (!step.LastOfNode || step.Node.ScreenOutIf is not { } screen) return null;
        var showIf = step.Node.ShowIf;
        var description = showIf is null ? $"{step.Id}: {screen.Source}" : $"{step.Id}: {showIf.Source} and {screen.Source}";
        return new RouteEdge(state, ScreenedOut, description, r => (showIf?.Evaluate(r.AnswersAt(j)) ?? true) && screen.Evaluate(r.AnswersAt(j + 1)), j + 1);
    }

    /// <summary>Whether the steps answered or passed here set the quota's last variable: its cell becomes known with them.</summary>
    private bool Settles(Definition.Quota quota, List<Step> settledBy, int end)
    {
        if (settledBy.Count == 0) return false;
        var last = _plan.Steps.Where(s => s.Node.DataColumns().Any(c => quota.Variables.Contains(c))).Select(s => s.Index).DefaultIfEmpty(-1).Max();
        return last >= settledBy[0].Index && last <= end;
    }

    private static bool IsFull(Definition.Quota quota, IReadOnlyDictionary<string, string> answers, RouteRequest request)
    {
        var cell = new int[quota.Variables.Count];
        for (var i = 0; i < cell.Length; i++)
            if (!answers.TryGetValue(quota.Variables[i], out var raw) || !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out cell[i])) return false;
        if (request.QuotaCounts is not { } counts)
        {
            request.MissingCounts.Add(new QuotaCell(quota, cell));
            return false;
        }
        return counts.Completed(quota.Code, Definition.Quota.KeyOf(cell)) >= quota.TargetOf(cell);
    }
}

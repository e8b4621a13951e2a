using SurveyBot.Engine.Kinds;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// The parameter of one firing of a flow's machine: the respondent's state (which the machine's state accessor reads
/// and writes), the answers with the input applied, and the quota counts. Guards read the answers as they will stand
/// at each step, the hidden steps on the way computed (a recode's band before a condition on it).
/// </summary>
public sealed class RouteRequest(FlowPlan plan, InterviewState state, int from, Dictionary<string, string> answers, QuotaCounts? quotaCounts)
{
    private readonly Dictionary<int, IReadOnlyDictionary<string, string>> _at = [];

    public InterviewState State => state;

    /// <summary>The plan index of the step answered; -1 at the start.</summary>
    public int From => from;

    public QuotaCounts? QuotaCounts => quotaCounts;

    /// <summary>The edge whose guard let the transition through, recorded by the guard itself.</summary>
    public RouteEdge? Taken { get; internal set; }

    /// <summary>Quota cells a guard needed counts for and had none: the input must be handed again with them.</summary>
    public List<QuotaCell> MissingCounts { get; } = [];

    /// <summary>The answers as they stand on reaching the step at <paramref name="index"/>, hidden steps before it computed.</summary>
    public IReadOnlyDictionary<string, string> AnswersAt(int index)
    {
        if (_at.TryGetValue(index, out var cached)) return cached;
        IReadOnlyDictionary<string, string> current = answers;
        Dictionary<string, string>? copy = null;
        for (var i = from + 1; i < index && i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (!step.Hidden || (step.Node.ShowIf is { } showIf && !showIf.Evaluate(current))) continue;
            copy ??= new Dictionary<string, string>(answers, StringComparer.Ordinal);
            step.Node.Kind.Arrive(step, new ArrivalContext(copy, state.Ordinal, []));
            current = copy;
        }
        _at[index] = current;
        return current;
    }
}

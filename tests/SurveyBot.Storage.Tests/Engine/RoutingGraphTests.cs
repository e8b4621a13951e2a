using SurveyBot.Engine.Runtime;
using SurveyBot.Simulation;
using SurveyBot.Testing;
using SurveyBot.Testing.Golden;

namespace SurveyBot.Storage.Tests.Engine;

/// <summary>
/// The graph the <c>graph</c> verb draws is the routing the engine runs: over every golden transcript, scripted
/// personas and a few hundred simulated respondents of every flow, each route an answer took is an edge of the
/// drawn machine, and every drawn edge was taken by someone (so none is unreachable by construction).
/// </summary>
public sealed class RoutingGraphTests
{
    private static readonly Dictionary<string, FlowPlan> Plans = new(StringComparer.Ordinal)
    {
        ["citizen"] = ShippedFlows.Citizen.Plan,
        ["expert"] = ShippedFlows.Expert.Plan,
        ["transport"] = KindFlows.Transport.Plan,
    };

    [Fact]
    public void Every_route_taken_is_a_drawn_edge_and_every_drawn_edge_is_taken()
    {
        var taken = Plans.Keys.ToDictionary(id => id, _ => new HashSet<(string From, string To)>());
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Transcripts, "*.yaml").Where(f => !f.EndsWith(".observed.yaml", StringComparison.Ordinal)))
        {
            var transcript = Transcript.Load(Path.GetFileName(file));
            Replay(Plans[transcript.Flow], taken[transcript.Flow], 0, QuotaCounts.Empty, transcript.Turns.Select(Input));
        }
        foreach (var (flow, ordinal, counts, inputs) in Personas())
            Replay(Plans[flow], taken[flow], ordinal, counts, inputs.Select(i => (Func<Prompt, InterviewInput>)(_ => i)));
        foreach (var (flow, plan) in Plans)
            for (var seed = 0; seed < 200; seed++)
                Simulate(plan, taken[flow], seed);

        foreach (var (flow, plan) in Plans)
        {
            var machine = InterviewMachine.For(plan);
            var drawn = Drawn(machine);
            var mermaid = FlowGraph.Mermaid(plan).Replace("\"", "", StringComparison.Ordinal);
            foreach (var route in taken[flow])
            {
                Assert.True(drawn.Contains(route), $"{flow}: the engine went {route.From} -> {route.To}, which the graph does not draw");
                Assert.Contains($"{route.From} --> {route.To}", mermaid);
            }
            Assert.Equal(machine.Edges.Select(e => (e.From, e.To)).ToHashSet(), drawn);
            var never = drawn.Where(e => !taken[flow].Contains(e)).ToList();
            Assert.True(never.Count == 0, $"{flow}: drawn edges no interview took: {string.Join(", ", never)}");
            // Each state tries its edges in order and the first unconditional one ends the list: nothing is drawn after it.
            foreach (var state in machine.Edges.GroupBy(e => e.From))
                Assert.True(state.Last().Unconditional && state.Count(e => e.Unconditional) == 1, $"{flow}: {state.Key} has an edge that can never be taken");
        }
    }

    [Fact]
    public void The_machine_of_a_flow_version_is_configured_once_and_shared()
    {
        var plan = ShippedFlows.Citizen.Plan;
        Assert.Same(InterviewMachine.For(plan), InterviewMachine.For(plan));
        var first = new Interview(plan, new InterviewState(), typedChoices: true, quotaCounts: QuotaCounts.Empty);
        var second = new Interview(plan, new InterviewState(), typedChoices: true, quotaCounts: QuotaCounts.Empty);
        first.Start();
        second.Start();
        Parallel.For(0, 2000, i => (i % 2 == 0 ? first : second).CurrentPrompt());
        Assert.Same(InterviewMachine.For(plan), InterviewMachine.For(ShippedFlows.Citizen.Plan));
    }

    /// <summary>Interviews on two threads at once through the one shared machine each get their own routes.</summary>
    [Fact]
    public void Interviews_routed_on_many_threads_at_once_each_keep_their_own_state()
    {
        var plan = ShippedFlows.Citizen.Plan;
        var finals = new InterviewStatus[64];
        Parallel.For(0, finals.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var state = new InterviewState { Ordinal = i };
            var interview = new Interview(plan, state, quotaCounts: QuotaCounts.Empty);
            var random = new Random(i);
            var prompt = interview.Start().Next!;
            // Even respondents are screened out at the age question, odd ones complete.
            while (!prompt.IsFinal)
            {
                var input = prompt.StepId == "SQ3" ? InterviewInput.Typed(i % 2 == 0 ? "80" : "40") : SimulatedAnswers.For(prompt, random);
                var outcome = interview.Handle(input);
                prompt = outcome.Next ?? interview.CurrentPrompt();
            }
            finals[i] = state.Status;
        });
        for (var i = 0; i < finals.Length; i++) Assert.Equal(i % 2 == 0 ? InterviewStatus.ScreenedOut : InterviewStatus.Completed, finals[i]);
    }

    private static HashSet<(string, string)> Drawn(InterviewMachine machine) =>
        machine.Info.States.SelectMany(s => s.FixedTransitions.Select(t => ((string)s.UnderlyingState, (string)t.DestinationState.UnderlyingState))).ToHashSet();

    /// <summary>Answers that reach what a random respondent does not: a full quota cell, public transport not used.</summary>
    private static IEnumerable<(string Flow, long Ordinal, QuotaCounts Counts, InterviewInput[] Inputs)> Personas()
    {
        var full = new QuotaCounts(new Dictionary<(string, string), int> { [("AREA_SEX_AGE", "3,1,4")] = 1_000_000 });
        yield return ("citizen", 0, full, [Typed(""), Typed("3"), Typed("1"), Typed("45")]);
        yield return ("transport", 0, QuotaCounts.Empty, [Typed("3,4"), Typed("완료")]);
    }

    private static InterviewInput Typed(string text) => InterviewInput.Typed(text);

    private static Func<Prompt, InterviewInput> Input(TranscriptTurn turn) => current => turn switch
    {
        { Back: true } => InterviewInput.Back(),
        { Press: { } label } => InterviewInput.Pressed(current.Buttons.SelectMany(r => r).First(b => b.Label == label).Data),
        { Callback: { } data } => InterviewInput.Pressed(data),
        _ => InterviewInput.Typed(turn.Type ?? ""),
    };

    private static void Replay(FlowPlan plan, HashSet<(string, string)> taken, long ordinal, QuotaCounts counts, IEnumerable<Func<Prompt, InterviewInput>> script)
    {
        var state = new InterviewState { Ordinal = ordinal };
        var interview = new Interview(plan, state, typedChoices: true, quotaCounts: counts);
        Observe(interview, taken, interview.Start);
        foreach (var next in script)
        {
            var input = next(interview.CurrentPrompt());
            Observe(interview, taken, () => interview.Handle(input), IsBack(input));
        }
    }

    private static void Simulate(FlowPlan plan, HashSet<(string, string)> taken, int seed)
    {
        var random = new Random(seed);
        var state = new InterviewState { Ordinal = seed };
        var interview = new Interview(plan, state, quotaCounts: QuotaCounts.Empty);
        Observe(interview, taken, interview.Start);
        for (var turn = 0; turn < 500 && !interview.CurrentPrompt().IsFinal; turn++)
        {
            var prompt = interview.CurrentPrompt();
            // Now and then the respondent goes back, picks the last option of a long list (그 외, 기타) or types an age out of range.
            var input = random.Next(25) == 0 && state.History.Count > 0 ? InterviewInput.Back()
                : prompt.StepId == "SQ3" && random.Next(4) == 0 ? InterviewInput.Typed(random.Next(2) == 0 ? "14" : "75")
                : random.Next(6) == 0 && prompt.Buttons.SelectMany(r => r).Count(b => int.TryParse(b.Value, out _)) > 10 ? InterviewInput.Pressed(prompt.Buttons.SelectMany(r => r).Last(b => int.TryParse(b.Value, out _)).Data)
                : SimulatedAnswers.For(prompt, random);
            Observe(interview, taken, () => interview.Handle(input), IsBack(input));
        }
    }

    private static bool IsBack(InterviewInput input) =>
        input.Kind == InputKind.Back || input.Text.EndsWith(CallbackData.Separator + CallbackData.Back, StringComparison.Ordinal) || input.Text.Trim() == "/back";

    /// <summary>Runs one input; an accepted answer that moved the interview is a route taken, from the state before to the state after.</summary>
    private static void Observe(Interview interview, HashSet<(string, string)> taken, Func<InterviewOutcome> act, bool back = false)
    {
        var before = interview.State.CurrentStep ?? InterviewMachine.NotStarted;
        var outcome = act();
        Assert.False(outcome.NeedsQuotaCounts);
        var after = interview.State.CurrentStep ?? InterviewMachine.NotStarted;
        if (outcome.Accepted && !back && after != before) taken.Add((before, after));
    }
}

using SurveyBot.Engine.Runtime;

namespace SurveyBot.Simulation;

/// <summary>
/// Picks a plausible valid answer for any prompt: synthetic respondents for benchmarks, load tests
/// and trying exports before fieldwork. Eligible by default, so interviews run to completion; each
/// question's kind decides what a plausible answer is.
/// </summary>
public static class SimulatedAnswers
{
    public static InterviewInput For(Prompt prompt, Random random) =>
        prompt.Step is { } step ? step.Node.Kind.Simulate(step, prompt, random) : InterviewInput.Typed("/start");
}

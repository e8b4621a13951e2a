using Microsoft.Extensions.Time.Testing;
using SurveyBot.Interviews;
using SurveyBot.Simulation;

namespace SurveyBot.Testing;

/// <summary>
/// Runs citizen interviews to their end through <see cref="InterviewDriver"/>: chosen answers where a
/// test names the step, simulated valid answers elsewhere (seeded, so runs repeat).
/// </summary>
public static class CitizenInterviews
{
    public static async Task<InterviewTurn> RunAsync(InterviewDriver driver, long chat, IReadOnlyDictionary<string, string> typed, int seed, TimeSpan? perAnswer = null, FakeTimeProvider? clock = null)
    {
        var random = new Random(seed);
        var turn = await driver.StartAsync(chat, "citizen");
        while (!turn.Current.IsFinal)
        {
            if (clock is not null && perAnswer is { } step) clock.Advance(step);
            turn = typed.TryGetValue(turn.Current.StepId, out var text)
                ? await driver.TypeAsync(chat, text)
                : await driver.SendAsync(chat, SimulatedAnswers.For(turn.Current, random));
            if (!turn.Outcome.Accepted) throw new InvalidOperationException($"refused at {turn.Current.StepId}: {turn.Outcome.Notice}");
        }
        return turn;
    }
}

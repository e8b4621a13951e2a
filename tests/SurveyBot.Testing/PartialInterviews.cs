using SurveyBot.Interviews;
using SurveyBot.Results.Outcomes;
using SurveyBot.Simulation;

namespace SurveyBot.Testing;

/// <summary>Citizen interviews that stop early: started and left after a known number of answered questions.</summary>
public static class PartialInterviews
{
    /// <summary>Starts chat <paramref name="chat"/>'s interview and answers until <paramref name="questions"/> question columns are stored.</summary>
    public static async Task<InterviewTurn> RunAsync(TestDatabase database, InterviewDriver driver, long chat, int questions, string? source, int seed, string channel = InterviewDriver.Channel)
    {
        var columns = FieldworkCases.QuestionColumns(ShippedFlows.Citizen.Definition).ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed);
        var turn = await driver.StartAsync(chat, "citizen", source);
        while (database.AnswersOf(channel, chat).Keys.Count(columns.Contains) < questions)
        {
            turn = turn.Current.StepId switch
            {
                "SQ1" => await driver.TypeAsync(chat, "1"),
                "SQ3" => await driver.TypeAsync(chat, "30"),
                _ => await driver.SendAsync(chat, SimulatedAnswers.For(turn.Current, random)),
            };
            if (!turn.Outcome.Accepted || turn.Current.IsFinal) throw new InvalidOperationException($"chat {chat} stopped at {turn.Current.StepId}: {turn.Outcome.Notice}");
        }
        return turn;
    }
}

using SurveyBot.Engine.Runtime;
using SurveyBot.FakeBotApi.Respondents;

namespace SurveyBot.Tests.Support;

/// <summary>
/// What the engine stores for exactly the inputs a simulated respondent sent, each applied once and
/// in order: the reference a Telegram test compares the database with.
/// </summary>
public static class InputReplay
{
    public static Dictionary<string, string> CitizenAnswers(IReadOnlyList<RespondentInput> inputs, long ordinal)
    {
        var state = new InterviewState { Ordinal = ordinal };
        var interview = new Interview(ShippedFlows.Citizen.Plan, state, quotaCounts: QuotaCounts.Empty);
        var started = false;
        foreach (var input in inputs)
        {
            if (input.Typed == "/start")
            {
                if (!started) interview.Start();
                started = true;
            }
            else interview.Handle(input.CallbackData is { } data ? InterviewInput.Pressed(data) : InterviewInput.Typed(input.Typed!));
        }
        return new Dictionary<string, string>(state.Answers);
    }
}

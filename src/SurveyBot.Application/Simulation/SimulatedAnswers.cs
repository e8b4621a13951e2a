using System.Globalization;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Simulation;

/// <summary>
/// Picks a plausible valid answer for any prompt: synthetic respondents for benchmarks, load tests
/// and trying exports before fieldwork. Eligible by default, so interviews run to completion.
/// </summary>
public static class SimulatedAnswers
{
    public static InterviewInput For(Prompt prompt, Random random)
    {
        var buttons = prompt.Buttons.SelectMany(r => r).Where(b => b.Value != CallbackData.Back).ToList();
        return prompt.Kind switch
        {
            StepKind.Numeric => InterviewInput.Typed(random.Next(15, 70).ToString(CultureInfo.InvariantCulture)),
            StepKind.OpenText when prompt.AnswerSoFar is not null && random.Next(3) > 0 =>
                InterviewInput.Pressed(buttons.First(b => b.Value == CallbackData.Done).Data),
            StepKind.OpenText or StepKind.OtherText => InterviewInput.Typed("의견 " + random.Next(1000).ToString(CultureInfo.InvariantCulture)),
            StepKind.Choice => InterviewInput.Pressed(EligibleChoice(buttons, random).Data),
            _ => InterviewInput.Pressed(buttons[random.Next(buttons.Count)].Data),
        };
    }

    /// <summary>Avoids the last option of a long list (the "그 외" that screens out), keeping the respondent in the survey.</summary>
    private static PromptButton EligibleChoice(List<PromptButton> buttons, Random random) =>
        buttons[random.Next(buttons.Count > 10 ? buttons.Count - 1 : buttons.Count)];
}

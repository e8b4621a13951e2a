using SurveyBot.Engine.Runtime;

namespace SurveyBot.Tests.Support;

/// <summary>Picks a valid answer for any prompt, so tests can walk an interview to the point they examine.</summary>
public static class AutoAnswer
{
    public static InterviewInput For(Prompt prompt, Random random)
    {
        var answers = prompt.Buttons.SelectMany(r => r).Where(b => b.Value != CallbackData.Back).ToList();
        return prompt.Kind switch
        {
            StepKind.Numeric => InterviewInput.Typed(random.Next(15, 70).ToString()),
            StepKind.OpenText or StepKind.OtherText => InterviewInput.Typed("응답 " + random.Next(1000)),
            _ => InterviewInput.Pressed(answers[random.Next(answers.Count)].Data),
        };
    }
}

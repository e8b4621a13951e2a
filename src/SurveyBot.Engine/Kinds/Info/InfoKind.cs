using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Info;

/// <summary>
/// <c>kind: info</c>: a text to read (the intro, a notice, a description) with one button to go on
/// (<c>button:</c>, default 다음). Stores nothing; its text stays in the chat, so a new card follows it.
/// </summary>
public sealed class InfoKind : IQuestionKind
{
    public string Name => "info";

    public IReadOnlyCollection<string> Keys { get; } = ["button"];

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with { Button = reader.Str("button") };

    public void Validate(QuestionNode node, KindCheck check) { }

    public IEnumerable<string> DataColumns(QuestionNode node) => [];

    public IEnumerable<Step> Expand(QuestionNode node) => [new Step(node.Code, node) { Part = "info", EndsCard = true }];

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common) => [];

    public PromptBody Prompt(Step step, PromptContext context) =>
        new("", [[KindButtons.Button(step, step.Node.Button ?? context.Messages.NextButton, CallbackData.Next)]]);

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        if (input.Pressed) return input.Value == CallbackData.Next ? StepAnswer.Advance(step, null, null) : StepAnswer.Refuse(context.Messages.StaleButton);
        return context.TypedChoices || input.Trimmed == context.Messages.NextButton ? StepAnswer.Advance(step, null, null) : StepAnswer.Refuse(context.Messages.UseButtons);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) => Rating.Simulate(prompt, random);
}

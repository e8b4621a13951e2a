using SurveyBot.Engine.Definition;

namespace SurveyBot.Bench;

/// <summary>
/// Answers for a completed interview, drawn straight from a flow definition (no engine): every shown
/// node answered, choices that would screen out redrawn, recodes computed, rotation orders cyclic.
/// </summary>
public sealed class SyntheticAnswers(FlowDefinition flow, int seed)
{
    private readonly Random _random = new(seed);

    public Dictionary<string, string> Next(long ordinal)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in flow.Questions)
        {
            if (node.ShowIf is { } showIf && !showIf.Evaluate(answers)) continue;
            for (var attempt = 0; attempt < 50; attempt++)
            {
                Answer(node, answers, ordinal);
                if (node.ScreenOutIf is not { } screenOut || !screenOut.Evaluate(answers)) break;
            }
        }
        return answers;
    }

    /// <summary>Each question's kind answers for itself, so a new kind needs nothing here.</summary>
    private void Answer(QuestionNode node, Dictionary<string, string> answers, long ordinal) => node.Kind.Synthesize(node, answers, _random, ordinal);
}

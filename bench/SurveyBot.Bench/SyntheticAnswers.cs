using System.Globalization;
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

    private void Answer(QuestionNode node, Dictionary<string, string> answers, long ordinal)
    {
        switch (node.Kind)
        {
            case QuestionKind.Single:
                var option = node.Options[_random.Next(node.Options.Count)];
                answers[node.Code] = Text(option.Code);
                if (option.Other) answers[node.OtherColumn] = "기타 응답 " + Text(_random.Next(1000));
                else answers.Remove(node.OtherColumn);
                break;
            case QuestionKind.Numeric:
                answers[node.Code] = Text(_random.Next(node.Min ?? 0, (node.Max ?? 100) + 1));
                break;
            case QuestionKind.Recode:
                if (answers.TryGetValue(node.From ?? "", out var from) && int.TryParse(from, CultureInfo.InvariantCulture, out var value)
                    && node.Bands.FirstOrDefault(b => b.Contains(value)) is { } band)
                    answers[node.Code] = Text(band.Code);
                break;
            case QuestionKind.Scale:
                answers[node.Code] = Text(_random.Next(node.Scale!.Min, node.Scale.Max + 1));
                break;
            case QuestionKind.Matrix:
                foreach (var item in node.Items)
                    answers[item.Code] = node.NotApplicable is { } na && _random.Next(20) == 0 ? Text(na.Code) : Text(_random.Next(node.Scale!.Min, node.Scale.Max + 1));
                break;
            case QuestionKind.Rank:
                var picked = node.Options.OrderBy(_ => _random.Next()).Take(node.Picks).ToList();
                for (var i = 0; i < picked.Count; i++) answers[node.RankColumn(i + 1)] = Text(picked[i].Code);
                if (node.Rotate)
                {
                    var start = (int)(ordinal % node.Options.Count);
                    answers[node.OrderColumn] = string.Join(',', node.Options.Skip(start).Concat(node.Options.Take(start)).Select(o => Text(o.Code)));
                }
                break;
            case QuestionKind.Open:
                if (node.Items.Count == 0) answers[node.Code] = "의견 " + Text(_random.Next(1000));
                else foreach (var item in node.Items) answers[item.Code] = "의견 " + Text(_random.Next(1000));
                break;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

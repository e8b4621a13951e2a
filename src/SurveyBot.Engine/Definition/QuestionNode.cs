using SurveyBot.Engine.Definition.Conditions;

namespace SurveyBot.Engine.Definition;

/// <summary>One node of a flow as written in the flow file. Which keys matter depends on <see cref="Kind"/>.</summary>
public sealed record QuestionNode(string Code, QuestionKind Kind)
{
    public int Line { get; init; }
    public string? Section { get; init; }
    public string Text { get; init; } = "";
    public string? Note { get; init; }
    public Condition? ShowIf { get; init; }
    public Condition? ScreenOutIf { get; init; }
    public string? Button { get; init; }
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];
    public int ButtonsPerRow { get; init; } = 1;
    public int? Min { get; init; }
    public int? Max { get; init; }
    public string? Unit { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<RecodeBand> Bands { get; init; } = [];
    public ScaleSpec? Scale { get; init; }
    public IReadOnlyList<MatrixItem> Items { get; init; } = [];
    public NotApplicableOption? NotApplicable { get; init; }
    public int Picks { get; init; }
    public string? Pipe { get; init; }
    public bool Rotate { get; init; }
    public int MaxLength { get; init; } = 20000;

    /// <summary>The data columns this node stores, in export order.</summary>
    public IEnumerable<string> DataColumns()
    {
        switch (Kind)
        {
            case QuestionKind.Single:
                yield return Code;
                if (Options.Any(o => o.Other)) yield return OtherColumn;
                break;
            case QuestionKind.Numeric or QuestionKind.Recode or QuestionKind.Scale:
                yield return Code;
                break;
            case QuestionKind.Matrix:
                foreach (var item in Items) yield return item.Code;
                break;
            case QuestionKind.Rank:
                for (var i = 1; i <= Picks; i++) yield return RankColumn(i);
                if (Rotate) yield return OrderColumn;
                break;
            case QuestionKind.Open:
                if (Items.Count == 0) yield return Code;
                else foreach (var item in Items) yield return item.Code;
                break;
        }
    }

    public string OtherColumn => Code + "_other";
    public string OrderColumn => Code + "_order";
    public string RankColumn(int position) => $"{Code}_{position}";
}

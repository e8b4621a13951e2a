using SurveyBot.Engine.Definition.Conditions;
using SurveyBot.Engine.Kinds;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// One node of a flow as written in the flow file: the keys every node has, and the building blocks kinds read
/// (options, items, a scale ...). Which of those a node uses is its <see cref="Kind"/>'s business.
/// </summary>
public sealed record QuestionNode(string Code, IQuestionKind Kind)
{
    public int Line { get; init; }
    public string? Section { get; init; }
    public string Text { get; init; } = "";
    public string? Note { get; init; }
    public Condition? ShowIf { get; init; }
    public Condition? ScreenOutIf { get; init; }

    /// <summary>A picture shown with the node's text: a path relative to the flow file's folder.</summary>
    public string? Image { get; init; }
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
    public IEnumerable<string> DataColumns() => Kind.DataColumns(this);

    /// <summary>The free text of an option marked <c>other</c>.</summary>
    public string OtherColumn => Code + "_other";

    /// <summary>The option codes in the order a rotating node showed them.</summary>
    public string OrderColumn => Code + "_order";
}

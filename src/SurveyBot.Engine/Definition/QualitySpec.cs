namespace SurveyBot.Engine.Definition;

/// <summary>
/// The optional <c>quality</c> section of a flow: the thresholds of the data-quality flags the wide export
/// carries. The defaults apply to a flow without the section.
/// </summary>
/// <param name="SpeederShare">A completed interview shorter than this share of the median completed duration is a speeder.</param>
/// <param name="StraightlineMinItems">A matrix needs at least this many items before one value across all of them counts as straightlining.</param>
public sealed record QualitySpec(double SpeederShare, int StraightlineMinItems)
{
    public static QualitySpec Default { get; } = new(0.3, 5);

    public int Line { get; init; }
}

using SurveyBot.Engine.Kinds.Info;
using SurveyBot.Engine.Kinds.Matrix;
using SurveyBot.Engine.Kinds.Multi;
using SurveyBot.Engine.Kinds.Numeric;
using SurveyBot.Engine.Kinds.Open;
using SurveyBot.Engine.Kinds.Rank;
using SurveyBot.Engine.Kinds.Recode;
using SurveyBot.Engine.Kinds.Scale;
using SurveyBot.Engine.Kinds.Single;

namespace SurveyBot.Engine.Kinds;

/// <summary>The registry of question kinds, found by the name a flow file writes in <c>kind:</c>.</summary>
public static class QuestionKinds
{
    public static IQuestionKind Info { get; } = new InfoKind();
    public static IQuestionKind Single { get; } = new SingleKind();
    public static IQuestionKind Numeric { get; } = new NumericKind();
    public static IQuestionKind Recode { get; } = new RecodeKind();
    public static IQuestionKind Scale { get; } = new ScaleKind();
    public static IQuestionKind Matrix { get; } = new MatrixKind();
    public static IQuestionKind Rank { get; } = new RankKind();
    public static IQuestionKind Open { get; } = new OpenKind();
    public static IQuestionKind Multi { get; } = new MultiKind();

    /// <summary>Every kind, in the order the docs list them.</summary>
    public static IReadOnlyList<IQuestionKind> All { get; } = [Info, Single, Numeric, Recode, Scale, Matrix, Rank, Open, Multi];

    private static readonly Dictionary<string, IQuestionKind> ByName = All.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, out IQuestionKind kind) => ByName.TryGetValue(name, out kind!);

    /// <summary>Every key some kind reads: a key outside these is unknown, one inside them belongs to another kind.</summary>
    public static IReadOnlySet<string> AllKeys { get; } = All.SelectMany(k => k.Keys).ToHashSet(StringComparer.Ordinal);

    /// <summary>The kinds whose columns allow <paramref name="use"/>, named as an error lists them ("single, numeric or matrix item").</summary>
    public static string Describe(ColumnUses use)
    {
        var names = All.Where(k => k.Uses.HasFlag(use)).Select(k => k.ColumnNoun).ToList();
        return names.Count < 2 ? string.Join("", names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}

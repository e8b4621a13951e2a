using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Results.Outcomes;

namespace SurveyBot.Export;

/// <summary>
/// The data-quality flags of the wide export, computed from a results row and the flow's <c>quality</c>
/// thresholds: <c>speeder</c> (a completed interview shorter than a share of the median completed duration),
/// <c>back_count</c> (/back presses), <c>item_na</c> (not-applicable answers), <c>item_skipped</c> (questions
/// before the respondent's last answer left without one) and <c>straightliner_&lt;matrix&gt;</c> (every item of
/// a matrix of at least <c>straightline_min_items</c> items answered with one and the same scale point).
/// </summary>
public sealed class QualityFlags
{
    public const string Speeder = "speeder";
    public const string BackCount = "back_count";
    public const string ItemNotApplicable = "item_na";
    public const string ItemSkipped = "item_skipped";
    public const string StraightlinerPrefix = "straightliner_";

    private readonly int _first;
    private readonly double _speederShare;
    private readonly (int Column, string Code)[] _notApplicable;
    private readonly int[] _questions;
    private readonly (string Matrix, int[] Items, string? NotApplicable)[] _matrices;

    /// <param name="columns">Every column of the results table (the flags' own at the end).</param>
    public QualityFlags(FlowDefinition flow, IReadOnlyList<string> columns)
    {
        var at = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _first = at[Speeder];
        _speederShare = flow.Quality.SpeederShare;
        _notApplicable = flow.Questions.Where(q => q.NotApplicable is not null)
            .SelectMany(q => q.DataColumns().Select(c => (at[c], q.NotApplicable!.Code.ToString(CultureInfo.InvariantCulture)))).ToArray();
        _questions = FieldworkCases.QuestionColumns(flow).Select(c => at[c]).ToArray();
        _matrices = StraightlineMatrices(flow)
            .Select(q => (q.Code, q.Kind.StraightlineItems(q).Select(i => at[i.Code]).ToArray(), q.NotApplicable?.Code.ToString(CultureInfo.InvariantCulture))).ToArray();
    }

    /// <summary>The flag columns of a flow, in export order.</summary>
    public static IReadOnlyList<string> Columns(FlowDefinition flow) =>
        [Speeder, BackCount, ItemNotApplicable, ItemSkipped, .. StraightlineMatrices(flow).Select(q => StraightlinerPrefix + q.Code)];

    /// <summary>The matrices long enough to be checked for straightlining.</summary>
    public static IEnumerable<QuestionNode> StraightlineMatrices(FlowDefinition flow) =>
        flow.Questions.Where(q => q.Kind.StraightlineItems(q).Count >= flow.Quality.StraightlineMinItems);

    /// <summary>Fills the flag cells of <paramref name="row"/> from its other cells.</summary>
    /// <param name="completed">Whether the row is a completed interview (only those can be speeders).</param>
    /// <param name="durationSeconds">The interview's duration, when it ended.</param>
    /// <param name="medianSeconds">The median duration of the flow's completed interviews; null before the first.</param>
    public void Fill(string?[] row, bool completed, double? durationSeconds, double? medianSeconds, int backCount)
    {
        row[_first] = completed && durationSeconds is { } duration && medianSeconds is { } median
            ? (duration < _speederShare * median ? "1" : "0")
            : null;
        row[_first + 1] = backCount.ToString(CultureInfo.InvariantCulture);
        var notApplicable = 0;
        foreach (var (column, code) in _notApplicable)
            if (row[column] == code) notApplicable++;
        row[_first + 2] = notApplicable.ToString(CultureInfo.InvariantCulture);
        var last = Array.FindLastIndex(_questions, c => !string.IsNullOrEmpty(row[c]));
        var skipped = 0;
        for (var i = 0; i < last; i++)
            if (string.IsNullOrEmpty(row[_questions[i]])) skipped++;
        row[_first + 3] = skipped.ToString(CultureInfo.InvariantCulture);
        for (var m = 0; m < _matrices.Length; m++)
            row[_first + 4 + m] = Straightlined(row, _matrices[m].Items, _matrices[m].NotApplicable);
    }

    /// <summary>1 when every item holds the same scale point, 0 when they differ; empty until every item is answered.</summary>
    private static string? Straightlined(string?[] row, int[] items, string? notApplicable)
    {
        var first = row[items[0]];
        if (string.IsNullOrEmpty(first)) return null;
        var same = first != notApplicable;
        foreach (var item in items)
        {
            var value = row[item];
            if (string.IsNullOrEmpty(value)) return null;
            if (value != first) same = false;
        }
        return same ? "1" : "0";
    }
}

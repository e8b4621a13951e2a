using System.Globalization;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// A quota of the flow's <c>quotas</c> section: completed interviews are counted in cells, one cell
/// per combination of the <see cref="Variables"/>' codes; every cell has <see cref="Target"/> places
/// unless <see cref="Cells"/> sets its own.
/// </summary>
public sealed record Quota(string Code, IReadOnlyList<string> Variables, int Target, IReadOnlyList<QuotaCellTarget> Cells)
{
    public int Line { get; init; }

    /// <summary>The places of one cell (its codes in the order of <see cref="Variables"/>).</summary>
    public int TargetOf(IReadOnlyList<int> cell) =>
        Cells.FirstOrDefault(c => c.Values.SequenceEqual(cell))?.Target ?? Target;

    /// <summary>A cell's key as counts are kept, e.g. <c>5,1,2</c>.</summary>
    public static string KeyOf(IEnumerable<int> cell) => string.Join(',', cell.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Completed interviews per quota cell at one moment, as storage counted them; what the engine
/// compares with a cell's target when a respondent's cell becomes known.
/// </summary>
public sealed class QuotaCounts(IReadOnlyDictionary<(string Quota, string Cell), int> completed)
{
    /// <summary>No completed interview anywhere (replays and simulations that do not count).</summary>
    public static QuotaCounts Empty { get; } = new(new Dictionary<(string, string), int>());

    /// <summary>Completed interviews in the cell (its key as <see cref="Definition.Quota.KeyOf"/> writes it).</summary>
    public int Completed(string quota, string cell) => completed.GetValueOrDefault((quota, cell));
}

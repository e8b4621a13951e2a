namespace SurveyBot.Engine.Definition;

/// <summary>
/// What an edit of a live flow would break in the data already stored: a data column that is gone
/// (its answers would drop out of every export) or an option code that is gone or now means
/// something else (stored codes would be read with the wrong label). Added questions, options and
/// reworded question texts break nothing.
/// </summary>
public static class FlowCompatibility
{
    public static IReadOnlyList<string> BreakingChanges(FlowDefinition stored, FlowDefinition edited)
    {
        var problems = new List<string>();
        var columns = edited.DataColumns.ToHashSet(StringComparer.Ordinal);
        foreach (var column in stored.DataColumns.Where(c => !columns.Contains(c)))
            problems.Add($"{column}: removed, but version {stored.Version} stores answers in it");
        foreach (var before in stored.Questions.Where(q => q.Options.Count > 0))
        {
            if (edited.Questions.FirstOrDefault(q => q.Code == before.Code) is not { } after) continue;
            var labels = after.Options.ToDictionary(o => o.Code, o => o.Label);
            foreach (var option in before.Options)
            {
                if (!labels.TryGetValue(option.Code, out var label))
                    problems.Add($"{before.Code}: option code {option.Code} ('{option.Label}') removed");
                else if (!string.Equals(Normalize(label), Normalize(option.Label), StringComparison.Ordinal))
                    problems.Add($"{before.Code}: option code {option.Code} changed from '{option.Label}' to '{label}'");
            }
        }
        return problems;
    }

    private static string Normalize(string label) => string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Results;

/// <summary>How often each value of some columns was answered by a flow's completed respondents (one grouped query).</summary>
public static class AnswerCounts
{
    /// <summary>Column → numeric value → count; non-numeric values are left out.</summary>
    public static async Task<Dictionary<string, Dictionary<int, int>>> OfCompletedAsync(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow,
        IReadOnlyCollection<string> columns, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var completed = InterviewStatus.Completed.ToContract();
        var rows = await db.Answers.AsNoTracking()
            .Where(a => columns.Contains(a.Code))
            .Join(db.Respondents.Where(r => r.FlowId == flow.Id && r.Status == completed), a => a.RespondentId, r => r.Id, (a, r) => a)
            .GroupBy(a => new { a.Code, a.Value })
            .Select(g => new { g.Key.Code, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var result = columns.ToDictionary(c => c, _ => new Dictionary<int, int>(), StringComparer.Ordinal);
        foreach (var row in rows)
            if (int.TryParse(row.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                result[row.Code][value] = result[row.Code].GetValueOrDefault(value) + row.Count;
        return result;
    }
}

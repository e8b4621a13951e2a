using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Storage;

namespace SurveyBot.Export;

/// <summary>
/// The wide results table of the data contract: one row per respondent, metadata columns then the
/// flow's data columns, in a fixed order whatever the data. Rows stream from the database.
/// </summary>
public sealed class ResultTable(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    public static readonly string[] MetadataColumns =
        ["respondent_id", "status", "screened_out_at", "started_at", "completed_at", "duration_s", "source", "flow_version"];

    public IReadOnlyList<string> Columns { get; } = [.. MetadataColumns, .. flow.DataColumns];

    public async IAsyncEnumerable<string?[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = flow.DataColumns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => MetadataColumns.Length + x.i, StringComparer.Ordinal);
        await using var respondentsDb = await databases.CreateDbContextAsync(cancellationToken);
        await using var answersDb = await databases.CreateDbContextAsync(cancellationToken);

        var respondents = respondentsDb.Respondents.AsNoTracking().Where(r => r.FlowId == flow.Id).OrderBy(r => r.Id)
            .AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        var answers = answersDb.Answers.AsNoTracking()
            .Join(answersDb.Respondents.Where(r => r.FlowId == flow.Id), a => a.RespondentId, r => r.Id, (a, r) => a)
            .OrderBy(a => a.RespondentId)
            .Select(a => new { a.RespondentId, a.Code, a.Value })
            .AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        try
        {
            var hasAnswer = await answers.MoveNextAsync();
            while (await respondents.MoveNextAsync())
            {
                var r = respondents.Current;
                var row = new string?[Columns.Count];
                row[0] = r.PublicId;
                row[1] = r.Status;
                row[2] = r.ScreenedOutAt;
                row[3] = Iso(r.StartedAt);
                row[4] = r.CompletedAt is { } done ? Iso(done) : null;
                row[5] = r.CompletedAt is { } end ? ((long)(end - r.StartedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
                row[6] = r.Source;
                row[7] = r.FlowVersion.ToString(CultureInfo.InvariantCulture);
                while (hasAnswer && answers.Current.RespondentId < r.Id) hasAnswer = await answers.MoveNextAsync();
                while (hasAnswer && answers.Current.RespondentId == r.Id)
                {
                    if (index.TryGetValue(answers.Current.Code, out var at)) row[at] = answers.Current.Value;
                    hasAnswer = await answers.MoveNextAsync();
                }
                yield return row;
            }
        }
        finally
        {
            await respondents.DisposeAsync();
            await answers.DisposeAsync();
        }
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

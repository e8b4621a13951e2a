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

    /// <summary>
    /// The longest stored value of each text column, in UTF-8 bytes (0 when none is stored): formats
    /// with fixed-width strings (SPSS) size their columns from it. One aggregate query, no rows in memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> MaxTextBytesAsync(IEnumerable<string> columns, CancellationToken cancellationToken = default)
    {
        var widths = columns.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // length() of a BLOB counts bytes; of TEXT it counts characters.
        command.CommandText = """
            SELECT a.Code, max(length(CAST(a.Value AS BLOB))) FROM answers a JOIN respondents r ON r.Id = a.RespondentId
            WHERE r.FlowId = $flow GROUP BY a.Code
            UNION ALL SELECT 'respondent_id', max(length(CAST(PublicId AS BLOB))) FROM respondents WHERE FlowId = $flow
            UNION ALL SELECT 'status', max(length(CAST(Status AS BLOB))) FROM respondents WHERE FlowId = $flow
            UNION ALL SELECT 'screened_out_at', max(length(CAST(ScreenedOutAt AS BLOB))) FROM respondents WHERE FlowId = $flow
            UNION ALL SELECT 'source', max(length(CAST(Source AS BLOB))) FROM respondents WHERE FlowId = $flow
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$flow";
        parameter.Value = flow.Id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (!reader.IsDBNull(1) && widths.ContainsKey(reader.GetString(0))) widths[reader.GetString(0)] = reader.GetInt32(1);
        foreach (var stamp in new[] { "started_at", "completed_at" })
            if (widths.ContainsKey(stamp)) widths[stamp] = 20;
        return widths;
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

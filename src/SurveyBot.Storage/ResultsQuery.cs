using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SurveyBot.Storage;

/// <summary>
/// The SQL the results table reads: respondents in order with their answers packed by SQLite, and the widths
/// fixed-width formats need. Kept here so that no SQL text lives outside storage; the export only maps columns.
/// </summary>
public static class ResultsQuery
{
    /// <summary>Positions of the columns <see cref="OpenRespondentRowsAsync"/> returns.</summary>
    public const int Id = 0, PublicId = 1, Status = 2, ScreenedOutAt = 3, StartedAt = 4, CompletedAt = 5, Source = 6, FlowVersion = 7, PackedAnswers = 8, BackCount = 9;

    /// <summary>
    /// One row per respondent of <paramref name="flowId"/> in respondent order, from one query (one consistent
    /// snapshot). The answers come packed into one JSON object per respondent (<c>{"SQ1":"5",...}</c>, as a BLOB,
    /// null when none): a large export reads millions of answers, and fetching each as its own row cost more in
    /// per-row reader calls and string allocations than SQLite spent finding them. SQLite's JSON quoting keeps any
    /// answer text, however hostile, inside its value.
    /// </summary>
    public static async Task<DbDataReader> OpenRespondentRowsAsync(SurveyDbContext db, string flowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        var packed = SqlDialect.PackedObject(SqlDialect.IsPostgres(db), "a.\"Code\"", "a.\"Value\"");
        command.CommandText = $"""
            SELECT r."Id", r."PublicId", r."Status", r."ScreenedOutAt", r."StartedAt", r."CompletedAt", r."Source", r."FlowVersion",
                   (SELECT {packed} FROM answers a WHERE a."RespondentId" = r."Id"), r."BackCount"
            FROM respondents r WHERE r."FlowId" = @flow ORDER BY r."Id"
            """;
        AddFlow(command, flowId);
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>
    /// The longest stored value, in UTF-8 bytes, of each answer code in <paramref name="codes"/> and of the text
    /// metadata columns (<c>respondent_id</c>, <c>status</c>, <c>screened_out_at</c>, <c>source</c>); a column with
    /// nothing stored is left out. One aggregate query, no rows in memory.
    /// </summary>
    public static async Task<Dictionary<string, int>> MaxTextBytesAsync(SurveyDbContext db, string flowId, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var widths = new Dictionary<string, int>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var postgres = SqlDialect.IsPostgres(db);
        string Bytes(string column) => SqlDialect.ByteLength(postgres, column);
        var quoted = string.Join(", ", codes.Select(c => "'" + c.Replace("'", "''", StringComparison.Ordinal) + "'").DefaultIfEmpty("''"));
        string value = Bytes("a.\"Value\""), publicId = Bytes("\"PublicId\""), status = Bytes("\"Status\""), screenedOutAt = Bytes("\"ScreenedOutAt\""), source = Bytes("\"Source\"");
        command.CommandText = $"""
            SELECT a."Code", max({value}) FROM answers a JOIN respondents r ON r."Id" = a."RespondentId"
            WHERE r."FlowId" = @flow AND a."Code" IN ({quoted}) GROUP BY a."Code"
            UNION ALL SELECT 'respondent_id', max({publicId}) FROM respondents WHERE "FlowId" = @flow
            UNION ALL SELECT 'status', max({status}) FROM respondents WHERE "FlowId" = @flow
            UNION ALL SELECT 'screened_out_at', max({screenedOutAt}) FROM respondents WHERE "FlowId" = @flow
            UNION ALL SELECT 'source', max({source}) FROM respondents WHERE "FlowId" = @flow
            """;
        AddFlow(command, flowId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (!reader.IsDBNull(1)) widths[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        return widths;
    }

    private static void AddFlow(DbCommand command, string flowId)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@flow";
        parameter.Value = flowId;
        command.Parameters.Add(parameter);
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Storage;

/// <summary>
/// Counts a flow's completed interviews in quota cells, every version of the flow together: all cells
/// for reports (one grouped query per quota over the respondents' answer snapshots,
/// <c>json_extract(AnswersJson, '$.CODE')</c>), or a respondent's own cells for the check, through
/// a partial index per quota.
/// </summary>
public static class QuotaCounter
{
    public static async Task<QuotaCounts> CountCompletedAsync(DbContext db, string flowId, IReadOnlyList<Quota> quotas, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string, string), int>();
        if (quotas.Count == 0) return new QuotaCounts(counts);
        var connection = db.Database.GetDbConnection();
        var postgres = SqlDialect.IsPostgres(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var quota in quotas)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var columns = new List<string>();
                for (var i = 0; i < quota.Variables.Count; i++)
                {
                    columns.Add(SqlDialect.JsonValue(postgres, "\"AnswersJson\"", $"@path{i}"));
                    Add(command, $"@path{i}", SqlDialect.JsonPath(postgres, quota.Variables[i]));
                }
                var groups = string.Join(", ", Enumerable.Range(1, columns.Count));
                command.CommandText =
                    $"SELECT {string.Join(", ", columns)}, COUNT(*) FROM respondents WHERE \"FlowId\" = @flow AND \"Status\" = @completed GROUP BY {groups}";
                Add(command, "@flow", flowId);
                Add(command, "@completed", InterviewStatus.Completed.ToContract());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var cell = new int[quota.Variables.Count];
                    var coded = true;
                    for (var i = 0; i < cell.Length && coded; i++)
                        coded = !reader.IsDBNull(i) && int.TryParse(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out cell[i]);
                    if (!coded) continue;
                    var key = (quota.Code, Quota.KeyOf(cell));
                    counts[key] = counts.GetValueOrDefault(key) + Convert.ToInt32(reader.GetValue(cell.Length), CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new QuotaCounts(counts);
    }

    /// <summary>Quota indexes already made, per database file, flow and quota.</summary>
    private static readonly ConcurrentDictionary<string, bool> Indexed = new(StringComparer.Ordinal);

    /// <summary>
    /// Completed interviews in each of <paramref name="cells"/> only, for the check of one respondent.
    /// Each count is a lookup in a partial index over the quota's variables in the answer snapshots
    /// (made on first use), so a check costs the same with ten completes as with a hundred thousand;
    /// counting every cell would read every completed respondent's answers while the writer gate is held.
    /// </summary>
    public static async Task<QuotaCounts> CountCellsAsync(DbContext db, string flowId, IReadOnlyList<QuotaCell> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cells);
        var counts = new Dictionary<(string, string), int>();
        if (cells.Count == 0) return new QuotaCounts(counts);
        var connection = db.Database.GetDbConnection();
        var postgres = SqlDialect.IsPostgres(db);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var cell in cells)
            {
                var quota = cell.Quota;
                var (expressions, filter) = IndexTerms(postgres, flowId, quota);
                var key = SurveyDatabase.DatabaseKey(db) + "|" + flowId + "|" + quota.Code + "|" + string.Join(",", quota.Variables);
                if (!Indexed.ContainsKey(key))
                {
                    await using var create = connection.CreateCommand();
                    create.Transaction = transaction;
                    // Expression indexes take the expression in parentheses on PostgreSQL (SQLite accepts them too).
                    create.CommandText = $"CREATE INDEX IF NOT EXISTS \"{IndexName(flowId, quota)}\" ON respondents ({string.Join(", ", expressions.Select(e => postgres ? "(" + e + ")" : e))}) WHERE {filter}";
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    Indexed[key] = true;
                }
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var terms = expressions.Select((e, i) => $"{e} = @v{i}").ToList();
                command.CommandText = $"SELECT COUNT(*) FROM respondents WHERE {filter} AND {string.Join(" AND ", terms)}";
                for (var i = 0; i < cell.Values.Count; i++) Add(command, $"@v{i}", cell.Values[i].ToString(CultureInfo.InvariantCulture));
                counts[(quota.Code, cell.Key)] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new QuotaCounts(counts);
    }

    /// <summary>
    /// The index's expressions and filter, spelled identically in the count so SQLite uses the index:
    /// a partial index serves a query only when the query repeats its filter literally.
    /// </summary>
    public static (IReadOnlyList<string> Expressions, string Filter) IndexTerms(string flowId, Quota quota) => IndexTerms(false, flowId, quota);

    /// <inheritdoc cref="IndexTerms(string, Quota)"/>
    public static (IReadOnlyList<string> Expressions, string Filter) IndexTerms(bool postgres, string flowId, Quota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        // SQLite's index and count keep the column unquoted, as the indexes already made in existing files spell it.
        var column = postgres ? "\"AnswersJson\"" : "AnswersJson";
        var filter = postgres
            ? $"\"FlowId\" = {Literal(flowId)} AND \"Status\" = {Literal(InterviewStatus.Completed.ToContract())}"
            : $"FlowId = {Literal(flowId)} AND Status = {Literal(InterviewStatus.Completed.ToContract())}";
        return (quota.Variables.Select(v => SqlDialect.JsonValue(postgres, column, Literal(SqlDialect.JsonPath(postgres, v)))).ToList(), filter);
    }

    public static string IndexName(string flowId, Quota quota) =>
        "IX_quota_" + new string((flowId + "_" + quota.Code).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Storage;

/// <summary>
/// Counts a flow's completed interviews in every cell of its quotas: one grouped query per quota
/// over the respondents' answer snapshots (<c>json_extract(AnswersJson, '$.CODE')</c>), every
/// version of the flow together.
/// </summary>
public static class QuotaCounter
{
    public static async Task<QuotaCounts> CountCompletedAsync(DbContext db, string flowId, IReadOnlyList<Quota> quotas, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string, string), int>();
        if (quotas.Count == 0) return new QuotaCounts(counts);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var quota in quotas)
            {
                await using var command = connection.CreateCommand();
                var columns = new List<string>();
                for (var i = 0; i < quota.Variables.Count; i++)
                {
                    columns.Add($"json_extract(AnswersJson, $path{i})");
                    Add(command, $"$path{i}", "$." + quota.Variables[i]);
                }
                var groups = string.Join(", ", Enumerable.Range(1, columns.Count));
                command.CommandText =
                    $"SELECT {string.Join(", ", columns)}, COUNT(*) FROM respondents WHERE FlowId = $flow AND Status = $completed GROUP BY {groups}";
                Add(command, "$flow", flowId);
                Add(command, "$completed", InterviewStatus.Completed.ToContract());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var cell = new int[quota.Variables.Count];
                    var coded = true;
                    for (var i = 0; i < cell.Length && coded; i++)
                        coded = !reader.IsDBNull(i) && int.TryParse(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out cell[i]);
                    if (!coded) continue;
                    var key = (quota.Code, Quota.KeyOf(cell));
                    counts[key] = counts.GetValueOrDefault(key) + reader.GetInt32(cell.Length);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new QuotaCounts(counts);
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SurveyBot.Engine.Runtime;
using SurveyBot.FakeBotApi.Respondents;

namespace SurveyBot.Bench;

/// <summary>
/// Compares what the bot stored for finished simulated respondents with what their inputs give when each is applied
/// once, in order, through the engine: a lost answer, an answer recorded twice (a repeated input applied again) or an
/// interview left unfinished all show up as a difference.
/// </summary>
public sealed class SoakAnswerCheck(string connectionString, FlowPlan plan)
{
    private readonly List<string> _problems = [];

    public int Respondents { get; private set; }

    public long Answers { get; private set; }

    public int Failed => _problems.Count;

    /// <summary>The first few differences, for the report.</summary>
    public IEnumerable<string> Problems => _problems.Take(5);

    public void Fail(long chatId, string problem) => _problems.Add($"chat {chatId}: {problem}");

    public async Task CheckAsync(IReadOnlyList<SimulatedRespondent> finished, CancellationToken cancellationToken)
    {
        if (finished.Count == 0) return;
        var stored = new Dictionary<long, (string Status, long Ordinal, Dictionary<string, string> Answers)>();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            var ids = new StringBuilder();
            foreach (var person in finished) ids.Append(ids.Length == 0 ? "" : ",").Append(person.ChatId.ToString(CultureInfo.InvariantCulture));
            command.CommandText = "SELECT r.ChatId, r.Status, r.Ordinal, a.Code, a.Value FROM respondents r LEFT JOIN answers a ON a.RespondentId = r.Id "
                + $"WHERE r.Channel = 'telegram' AND r.ChatId IN ({ids})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var chat = reader.GetInt64(0);
                if (!stored.TryGetValue(chat, out var row))
                {
                    row = (reader.GetString(1), reader.GetInt64(2), new Dictionary<string, string>(StringComparer.Ordinal));
                    stored[chat] = row;
                }
                if (!reader.IsDBNull(3) && !row.Answers.TryAdd(reader.GetString(3), reader.GetString(4))) Fail(chat, $"{reader.GetString(3)} stored twice");
            }
        }
        foreach (var person in finished)
        {
            Respondents++;
            if (!stored.TryGetValue(person.ChatId, out var row))
            {
                Fail(person.ChatId, "no interview stored");
                continue;
            }
            if (row.Status != "completed") Fail(person.ChatId, $"status {row.Status}");
            var expected = Replay(person.Sent, row.Ordinal);
            Answers += row.Answers.Count;
            var missing = expected.Where(e => !row.Answers.TryGetValue(e.Key, out var value) || value != e.Value).Select(e => e.Key).ToList();
            var extra = row.Answers.Keys.Where(k => !expected.ContainsKey(k)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                Fail(person.ChatId, $"answers differ (missing or changed: {string.Join(' ', missing.Take(5))}; not sent: {string.Join(' ', extra.Take(5))})");
        }
    }

    /// <summary>The answers the inputs give, each applied once and in order, as the bot applies them.</summary>
    private Dictionary<string, string> Replay(IReadOnlyList<RespondentInput> inputs, long ordinal)
    {
        var state = new InterviewState { Ordinal = ordinal };
        var interview = new Interview(plan, state, quotaCounts: QuotaCounts.Empty);
        var started = false;
        foreach (var input in inputs)
        {
            if (input.Typed == "/start")
            {
                // A later /start resumes the interview in progress: nothing changes.
                if (!started) interview.Start();
                started = true;
            }
            else if (input.Typed == "/back") interview.Handle(InterviewInput.Back());
            else interview.Handle(input.CallbackData is { } data ? InterviewInput.Pressed(data) : InterviewInput.Typed(input.Typed!));
        }
        return state.Answers;
    }
}

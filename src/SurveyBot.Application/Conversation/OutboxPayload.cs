using System.Text.Json;
using SurveyBot.Storage;

namespace SurveyBot.Conversation;

/// <summary>
/// The JSON of an outbox row: one <see cref="OutboxCall"/> (an object) or the calls one update decided for
/// one chat, made in order (an array). Bundling a reaction's calls (acknowledge the press, mark the question
/// answered, ask the next one) into one row means one insert and one mark per answer instead of three.
/// </summary>
public static class OutboxPayload
{
    /// <summary>The generated serializers, writing Korean text as UTF-8 (see <see cref="StoredJson"/>).</summary>
    private static readonly OutboxJsonContext Json = new(StoredJson.With(OutboxJsonContext.Default.Options));

    public static string Write(IReadOnlyList<OutboxCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return calls.Count == 1
            ? JsonSerializer.Serialize(calls[0], Json.OutboxCall)
            : JsonSerializer.Serialize(calls, Json.IReadOnlyListOutboxCall);
    }

    public static IReadOnlyList<OutboxCall> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.AsSpan().TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize(json, Json.IReadOnlyListOutboxCall) ?? []
            : [JsonSerializer.Deserialize(json, Json.OutboxCall)!];
    }

    /// <summary>
    /// Groups calls into rows: consecutive calls to the same chat share a row, in order; a report (rendered
    /// when sent, and possibly slow) and a recipient list (downloaded when sent) always have a row of their own.
    /// </summary>
    public static IEnumerable<(long ChatId, List<OutboxCall> Calls)> Bundle(IEnumerable<StagedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        (long ChatId, List<OutboxCall> Calls)? open = null;
        foreach (var staged in calls)
        {
            var alone = staged.Call.Kind is OutboxCallKind.Report or OutboxCallKind.ImportRecipients;
            if (open is { } current && current.ChatId == staged.ChatId && !alone && current.Calls[^1].Kind is not (OutboxCallKind.Report or OutboxCallKind.ImportRecipients))
            {
                current.Calls.Add(staged.Call);
                continue;
            }
            if (open is { } done) yield return done;
            open = (staged.ChatId, [staged.Call]);
        }
        if (open is { } last) yield return last;
    }
}

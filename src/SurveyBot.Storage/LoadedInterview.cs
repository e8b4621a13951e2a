using SurveyBot.Engine.Runtime;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>An interview read from storage: its row, the engine state rebuilt from it, and which columns are already stored.</summary>
public sealed record LoadedInterview(RespondentRecord Record, InterviewState State, HashSet<string> StoredColumns)
{
    /// <summary>Answer rows staged in the current unit of work, by column, so a second change to one updates that row.</summary>
    public Dictionary<string, AnswerRecord> Staged { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra showings of each step that was shown more than once (<see cref="RespondentRecord.RevisitsJson"/>), read when first needed.</summary>
    public Dictionary<string, int> Revisits => _revisits ??= Record.RevisitsJson is "{}" or ""
        ? new Dictionary<string, int>(StringComparer.Ordinal)
        : new Dictionary<string, int>(System.Text.Json.JsonSerializer.Deserialize(Record.RevisitsJson, InterviewStateJson.Stored.DictionaryStringInt32) ?? [], StringComparer.Ordinal);

    private Dictionary<string, int>? _revisits;
}

using System.Text.Json.Serialization;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Storage;

/// <summary>
/// Source-generated JSON for a respondent's answer snapshot and history, read and written on every answer (and
/// growing with the interview): no reflection, and the writer's fast path.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<HistoryEntry>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
public sealed partial class InterviewStateJson : JsonSerializerContext
{
    /// <summary>The context writing with SurveyBot's storage encoder (see <see cref="StoredJson"/>).</summary>
    public static InterviewStateJson Stored { get; } = new(new System.Text.Json.JsonSerializerOptions { Encoder = StoredJson.Encoder });
}

using System.Text.Encodings.Web;
using System.Text.Json;

namespace SurveyBot.Storage;

/// <summary>
/// JSON as SurveyBot stores it in its own columns (answer snapshots, inbox updates, outbox calls): Korean
/// and other non-ASCII text is written as UTF-8, not as \uXXXX escapes, so rows are about half the size
/// and quicker to write and read. The text is never embedded in HTML, so HTML-sensitive characters need
/// no escaping either.
/// </summary>
public static class StoredJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Default serializer settings with the storage encoder.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = Encoder };

    /// <summary>A copy of <paramref name="options"/> that writes with the storage encoder.</summary>
    public static JsonSerializerOptions With(JsonSerializerOptions options) => new(options) { Encoder = Encoder };
}

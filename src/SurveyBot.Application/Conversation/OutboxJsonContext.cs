using System.Text.Json.Serialization;

namespace SurveyBot.Conversation;

/// <summary>Source-generated JSON for outbox rows: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UseStringEnumConverter = true)]
[JsonSerializable(typeof(OutboxCall))]
[JsonSerializable(typeof(IReadOnlyList<OutboxCall>))]
public sealed partial class OutboxJsonContext : JsonSerializerContext;

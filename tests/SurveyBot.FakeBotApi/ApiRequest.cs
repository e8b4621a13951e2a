using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// The parameters of one Bot API call. Telegram accepts JSON bodies, url-encoded and multipart forms and
/// query strings alike; Telegram.Bot sends JSON except for uploads, so all of them are read the same way here.
/// </summary>
internal sealed class ApiRequest : IDisposable
{
    private static readonly JsonWriterOptions RenderOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonDocument? _json;
    private readonly Dictionary<string, string>? _fields;
    private readonly Dictionary<string, UploadedPart>? _parts;

    private ApiRequest(JsonDocument? json, Dictionary<string, string>? fields, Dictionary<string, UploadedPart>? parts, string raw)
    {
        _json = json;
        _fields = fields;
        _parts = parts;
        Raw = raw;
    }

    /// <summary>The body as recorded (JSON, or the form fields rendered as JSON).</summary>
    public string Raw { get; }

    public static async Task<ApiRequest> ReadAsync(HttpRequest http, bool keepRaw, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? fields = null;
        if (http.QueryString.HasValue)
        {
            fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in http.Query)
            {
                fields[pair.Key] = pair.Value.ToString();
            }
        }

        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            fields ??= new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in form)
            {
                fields[pair.Key] = pair.Value.ToString();
            }

            Dictionary<string, UploadedPart>? parts = null;
            foreach (var file in form.Files)
            {
                parts ??= new Dictionary<string, UploadedPart>(StringComparer.Ordinal);
                var bytes = new byte[file.Length];
                await using (var stream = file.OpenReadStream())
                {
                    await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                }

                parts[file.Name] = new UploadedPart(file.Name, file.FileName, file.ContentType, bytes);
            }

            return new ApiRequest(null, fields, parts, keepRaw ? RenderForm(fields, parts) : string.Empty);
        }

        var body = await ReadBodyAsync(http, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return new ApiRequest(null, fields, null, keepRaw && fields is not null ? RenderForm(fields, null) : string.Empty);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw ApiErrorException.BadRequest("can't parse JSON object");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiErrorException.BadRequest("can't parse JSON object");
        }

        return new ApiRequest(document, fields, null, keepRaw ? Encoding.UTF8.GetString(body.Span) : string.Empty);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (http.ContentLength is long length)
        {
            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var exact = new byte[length];
            await http.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        // Chunked bodies: Telegram.Bot streams JSON without a length when its own retry is disabled.
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public bool Has(string name) =>
        (_json is not null && _json.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        || (_fields?.ContainsKey(name) ?? false)
        || (_parts?.ContainsKey(name) ?? false);

    public string? GetString(string name)
    {
        if (_json is not null && _json.RootElement.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetRawText(),
            };
        }

        return _fields is not null && _fields.TryGetValue(name, out var field) ? field : null;
    }

    public long? GetInt64(string name)
    {
        if (_json is not null && _json.RootElement.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }

            return null;
        }

        return _fields is not null && _fields.TryGetValue(name, out var field)
            && long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public bool GetBoolean(string name)
    {
        var text = GetString(name);
        return text is not null && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1");
    }

    /// <summary>A JSON-valued parameter; forms carry those as JSON text (e.g. reply_markup).</summary>
    public JsonElement? GetJson(string name)
    {
        if (_json is not null && _json.RootElement.TryGetProperty(name, out var value))
        {
            return value.ValueKind == JsonValueKind.Null ? null : value;
        }

        if (_fields is not null && _fields.TryGetValue(name, out var field) && !string.IsNullOrWhiteSpace(field))
        {
            try
            {
                using var document = JsonDocument.Parse(field);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw ApiErrorException.BadRequest($"can't parse {name} JSON object");
            }
        }

        return null;
    }

    /// <summary>The chat id when it is a number; null when absent or a @username.</summary>
    public long? ChatIdOrNull() => GetInt64("chat_id");

    public long RequireChatId()
    {
        if (!Has("chat_id"))
        {
            throw ApiErrorException.BadRequest("chat_id is empty");
        }

        return ChatIdOrNull() ?? throw ApiErrorException.BadRequest("chat not found");
    }

    public int RequireMessageId()
    {
        var id = GetInt64("message_id");
        if (id is null)
        {
            throw ApiErrorException.BadRequest("message identifier is not specified");
        }

        return id is > 0 and <= int.MaxValue ? (int)id.Value : throw ApiErrorException.BadRequest("message to edit not found");
    }

    /// <summary>
    /// Resolves a document/photo parameter. Telegram.Bot 22 uploads a file as a part named "0", "1", ...
    /// and puts "attach://0" in the parameter itself; older clients name the part after the parameter.
    /// </summary>
    public InputFileRef? GetInputFile(string name)
    {
        if (_parts is not null && _parts.TryGetValue(name, out var direct))
        {
            return new InputFileRef(direct, null, null);
        }

        var value = GetString(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("attach://", StringComparison.Ordinal))
        {
            var partName = value["attach://".Length..];
            return _parts is not null && _parts.TryGetValue(partName, out var attached)
                ? new InputFileRef(attached, null, null)
                : throw ApiErrorException.BadRequest($"file \"{partName}\" not found in the request");
        }

        return value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? new InputFileRef(null, null, value)
            : new InputFileRef(null, value, null);
    }

    private static string RenderForm(Dictionary<string, string> fields, Dictionary<string, UploadedPart>? parts)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, RenderOptions))
        {
            writer.WriteStartObject();
            foreach (var pair in fields)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            if (parts is not null)
            {
                foreach (var part in parts.Values)
                {
                    writer.WriteStartObject(part.Name);
                    writer.WriteString("file_name", part.FileName);
                    writer.WriteNumber("size", part.Bytes.Length);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose() => _json?.Dispose();
}

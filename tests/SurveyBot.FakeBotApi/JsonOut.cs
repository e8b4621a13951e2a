using System.Text.Encodings.Web;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;

namespace SurveyBot.FakeBotApi;

/// <summary>Writes Bot API objects in Telegram's snake_case shape, directly with Utf8JsonWriter for speed.</summary>
internal static class JsonOut
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long UnixTime(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>Room a reply's JSON usually fits in (a message with a keyboard of a few dozen buttons).</summary>
    public const int ReplyBufferSize = 16 * 1024;

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        using var buffer = new ArrayPoolBufferWriter<byte>(ReplyBufferSize);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteBotUser(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("id", FakeBotApiServer.BotId);
        w.WriteBoolean("is_bot", true);
        w.WriteString("first_name", FakeBotApiServer.BotFirstName);
        w.WriteString("username", FakeBotApiServer.BotUsername);
        w.WriteEndObject();
    }

    public static void WriteRespondent(Utf8JsonWriter w, long userId, string languageCode, UserProfile? profile = null)
    {
        w.WriteStartObject();
        w.WriteNumber("id", userId);
        w.WriteBoolean("is_bot", false);
        WriteProfile(w, profile ?? DefaultProfile(userId));
        w.WriteString("language_code", languageCode);
        w.WriteEndObject();
    }

    public static UserProfile DefaultProfile(long userId) => new($"User{userId}", Username: $"user{Math.Abs(userId)}");

    private static void WriteProfile(Utf8JsonWriter w, UserProfile profile)
    {
        w.WriteString("first_name", profile.FirstName);
        if (profile.LastName is { } last) w.WriteString("last_name", last);
        if (profile.Username is { } username) w.WriteString("username", username);
    }

    public static void WriteChat(Utf8JsonWriter w, ChatState chat)
    {
        w.WriteStartObject();
        w.WriteNumber("id", chat.Id);
        var type = chat.Type;
        if (type == "private")
        {
            WriteProfile(w, chat.Profile ?? new UserProfile(chat.FirstName, Username: chat.Username));
        }
        else
        {
            w.WriteString("title", chat.Title);
        }

        w.WriteString("type", type);
        w.WriteEndObject();
    }

    /// <summary>The header every respondent message carries: message_id, from, chat, date.</summary>
    public static void WriteIncomingHeader(Utf8JsonWriter w, int messageId, long userId, ChatState chat, long date, string languageCode, UserProfile? profile = null)
    {
        w.WriteNumber("message_id", messageId);
        w.WritePropertyName("from");
        WriteRespondent(w, userId, languageCode, profile);
        w.WritePropertyName("chat");
        WriteChat(w, chat);
        w.WriteNumber("date", date);
    }

    public static void WriteBotMessage(Utf8JsonWriter w, BotMessage m, ChatState chat)
    {
        w.WriteStartObject();
        w.WriteNumber("message_id", m.MessageId);
        w.WritePropertyName("from");
        WriteBotUser(w);
        w.WritePropertyName("chat");
        WriteChat(w, chat);
        w.WriteNumber("date", UnixTime(m.SentAtUtc));
        if (m.EditedAtUtc is DateTime edited)
        {
            w.WriteNumber("edit_date", UnixTime(edited));
        }

        switch (m.Kind)
        {
            case "document":
                w.WriteStartObject("document");
                w.WriteString("file_name", m.FileName);
                w.WriteString("mime_type", m.MimeType);
                w.WriteString("file_id", m.FileId);
                w.WriteString("file_unique_id", m.FileId + "-u");
                w.WriteNumber("file_size", m.FileBytes?.Length ?? 0);
                w.WriteEndObject();
                WriteCaption(w, m);
                break;
            case "photo":
                w.WriteStartArray("photo");
                foreach (var size in (ReadOnlySpan<int>)[90, 800])
                {
                    w.WriteStartObject();
                    w.WriteString("file_id", m.FileId);
                    w.WriteString("file_unique_id", m.FileId + "-u");
                    w.WriteNumber("file_size", m.FileBytes?.Length ?? 0);
                    w.WriteNumber("width", size);
                    w.WriteNumber("height", size);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                WriteCaption(w, m);
                break;
            default:
                w.WriteString("text", m.VisibleText);
                break;
        }

        if (m.InlineKeyboard.Count > 0)
        {
            w.WriteStartObject("reply_markup");
            WriteInlineKeyboard(w, m.InlineKeyboard);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteCaption(Utf8JsonWriter w, BotMessage m)
    {
        if (!string.IsNullOrEmpty(m.Caption))
        {
            w.WriteString("caption", m.VisibleText);
        }
    }

    public static void WriteInlineKeyboard(Utf8JsonWriter w, IReadOnlyList<IReadOnlyList<InlineButton>> rows)
    {
        w.WriteStartArray("inline_keyboard");
        foreach (var row in rows)
        {
            w.WriteStartArray();
            foreach (var button in row)
            {
                w.WriteStartObject();
                w.WriteString("text", button.Text);
                if (button.CallbackData is not null)
                {
                    w.WriteString("callback_data", button.CallbackData);
                }

                if (button.Url is not null)
                {
                    w.WriteString("url", button.Url);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    public static void WriteFile(Utf8JsonWriter w, StoredFile file, bool withSize = true)
    {
        w.WriteStartObject();
        w.WriteString("file_id", file.FileId);
        w.WriteString("file_unique_id", file.FileUniqueId);
        if (withSize) w.WriteNumber("file_size", file.Bytes.Length);
        w.WriteString("file_path", file.FilePath);
        w.WriteEndObject();
    }
}

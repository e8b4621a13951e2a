using System.Text;
using System.Text.Json;

namespace SurveyBot.FakeBotApi;

/// <summary>A parsed reply_markup: the inline keyboard (if any) and the raw JSON.</summary>
internal sealed record ReplyMarkup(IReadOnlyList<IReadOnlyList<InlineButton>> InlineKeyboard, string? RawJson)
{
    public static readonly ReplyMarkup None = new([], null);

    /// <summary>
    /// Reads reply_markup and enforces the limits Telegram enforces on inline buttons, so SurveyBot learns
    /// about an oversized callback_data in tests rather than in production.
    /// </summary>
    public static ReplyMarkup From(ApiRequest request)
    {
        if (request.GetJson("reply_markup") is not JsonElement markup)
        {
            return None;
        }

        if (markup.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrorException.BadRequest("can't parse reply keyboard markup JSON object");
        }

        var raw = markup.GetRawText();
        if (!markup.TryGetProperty("inline_keyboard", out var keyboard))
        {
            return new ReplyMarkup([], raw);
        }

        if (keyboard.ValueKind != JsonValueKind.Array)
        {
            throw ApiErrorException.BadRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }

        var rows = new List<IReadOnlyList<InlineButton>>();
        foreach (var row in keyboard.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                throw ApiErrorException.BadRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
            }

            var buttons = new List<InlineButton>();
            foreach (var button in row.EnumerateArray())
            {
                var text = button.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
                if (string.IsNullOrEmpty(text))
                {
                    throw ApiErrorException.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                }

                string? data = null;
                if (button.TryGetProperty("callback_data", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    data = d.GetString()!;
                    var bytes = Encoding.UTF8.GetByteCount(data);
                    if (bytes is 0 or > 64)
                    {
                        throw ApiErrorException.BadRequest("BUTTON_DATA_INVALID");
                    }
                }

                var url = button.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                buttons.Add(new InlineButton(text, data, url));
            }

            if (buttons.Count > 0)
            {
                rows.Add(buttons);
            }
        }

        return new ReplyMarkup(rows, raw);
    }

    public static bool SameKeyboard(IReadOnlyList<IReadOnlyList<InlineButton>> a, IReadOnlyList<IReadOnlyList<InlineButton>> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].SequenceEqual(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using System.Text;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// Telegram's HTML parse mode, strictly enough to reject what Telegram rejects ("can't parse entities")
/// and to compute the text a respondent actually sees.
/// </summary>
internal static class TelegramHtml
{
    private static readonly HashSet<string> SupportedTags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji",
    };

    public static bool IsHtml(string? parseMode) => string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Strips tags and decodes entities; throws a 400 error when <paramref name="validate"/> is set and the markup is invalid.</summary>
    public static string ToVisibleText(string html, bool validate)
    {
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return html;
        }

        var visible = new StringBuilder(html.Length);
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                {
                    if (validate)
                    {
                        throw CantParse($"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                    }

                    visible.Append(c);
                    continue;
                }

                var inner = html.AsSpan(i + 1, end - i - 1);
                var closing = inner.Length > 0 && inner[0] == '/';
                if (closing)
                {
                    inner = inner[1..];
                }

                var length = 0;
                while (length < inner.Length && (char.IsAsciiLetterOrDigit(inner[length]) || inner[length] == '-'))
                {
                    length++;
                }

                var name = inner[..length].ToString().ToLowerInvariant();
                if (validate)
                {
                    if (!SupportedTags.Contains(name))
                    {
                        throw closing
                            ? CantParse($"Unexpected end tag at byte offset {ByteOffset(html, i)}")
                            : CantParse($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}");
                    }

                    if (closing)
                    {
                        if (open.Count == 0 || open.Peek() != name)
                        {
                            var expected = open.Count == 0 ? string.Empty : $", expected \"</{open.Peek()}>\"";
                            throw CantParse($"Unmatched end tag at byte offset {ByteOffset(html, i)}{expected}, found \"</{name}>\"");
                        }

                        open.Pop();
                    }
                    else
                    {
                        open.Push(name);
                    }
                }

                i = end;
                continue;
            }

            if (c == '&' && TryDecodeEntity(html, i, out var decoded, out var consumed))
            {
                visible.Append(decoded);
                i += consumed - 1;
                continue;
            }

            visible.Append(c);
        }

        if (validate && open.Count > 0)
        {
            throw CantParse($"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        }

        return visible.ToString();
    }

    private static bool TryDecodeEntity(string text, int start, out string decoded, out int consumed)
    {
        decoded = string.Empty;
        consumed = 0;
        var semicolon = text.IndexOf(';', start + 1, Math.Min(12, text.Length - start - 1));
        if (semicolon < 0)
        {
            return false;
        }

        var name = text.AsSpan(start + 1, semicolon - start - 1);
        consumed = semicolon - start + 1;
        switch (name)
        {
            case "lt":
                decoded = "<";
                return true;
            case "gt":
                decoded = ">";
                return true;
            case "amp":
                decoded = "&";
                return true;
            case "quot":
                decoded = "\"";
                return true;
            case "apos":
                decoded = "'";
                return true;
        }

        if (name.Length > 1 && name[0] == '#')
        {
            var hex = name.Length > 2 && (name[1] == 'x' || name[1] == 'X');
            var digits = hex ? name[2..] : name[1..];
            if (int.TryParse(digits, hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                decoded = char.ConvertFromUtf32(code);
                return true;
            }
        }

        return false;
    }

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));

    private static ApiErrorException CantParse(string detail) => ApiErrorException.BadRequest("can't parse entities: " + detail);
}

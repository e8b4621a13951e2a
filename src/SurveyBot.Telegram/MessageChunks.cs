namespace SurveyBot.Channels.Telegram;

/// <summary>Splits long text into messages Telegram accepts (at most 4096 characters), at line breaks where possible.</summary>
public static class MessageChunks
{
    public const int MaxMessageLength = 4096;

    public static IReadOnlyList<string> Split(string text, int max = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > max)
        {
            var cut = rest[..(max + 1)].LastIndexOf('\n');
            if (cut <= 0)
            {
                // One line longer than a message: cut it, but never between the halves of a surrogate pair (an emoji).
                cut = max;
                if (char.IsHighSurrogate(rest[cut - 1])) cut--;
            }
            chunks.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0 || chunks.Count == 0) chunks.Add(rest.ToString());
        return chunks;
    }
}

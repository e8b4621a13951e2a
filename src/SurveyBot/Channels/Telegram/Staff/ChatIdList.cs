using System.Globalization;

namespace SurveyBot.Channels.Telegram.Staff;

/// <summary>
/// A CSV list of chat ids for a broadcast: one id in the first column of each line (comma, semicolon or tab separated);
/// a header line and blank lines are skipped; duplicates count once.
/// </summary>
public static class ChatIdList
{
    /// <summary>The distinct ids in file order, or the first problem (with its line number).</summary>
    public static (IReadOnlyList<long> ChatIds, string? Error) Parse(string text)
    {
        var ids = new List<long>();
        var seen = new HashSet<long>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            var first = line.Split([',', ';', '\t'])[0].Trim().Trim('"');
            if (!long.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id == 0)
            {
                if (ids.Count == 0 && seen.Count == 0 && i == FirstNonBlank(lines)) continue;
                return ([], $"{i + 1}번째 줄 '{Shorten(first)}'은 채팅 ID가 아닙니다");
            }
            if (seen.Add(id)) ids.Add(id);
        }
        return ids.Count == 0 ? ([], "채팅 ID가 하나도 없습니다") : (ids, null);
    }

    private static int FirstNonBlank(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++) if (lines[i].Trim().TrimStart('\uFEFF').Length > 0) return i;
        return -1;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

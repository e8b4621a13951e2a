using System.Globalization;

namespace SurveyBot.Staff;

/// <summary>
/// A CSV list of chat ids for a broadcast: one id in the first column of each line (comma, semicolon or tab separated);
/// a header line and blank lines are skipped; duplicates count once. Read line by line, so a list of hundreds of
/// thousands of ids costs its ids, not its text.
/// </summary>
public static class ChatIdList
{
    /// <summary>The distinct ids in file order, or the first problem (with its line number).</summary>
    public static (IReadOnlyList<long> ChatIds, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader);
    }

    /// <summary>Reads <paramref name="reader"/> to its end: the distinct ids in file order, or the first problem (with its line number).</summary>
    public static (IReadOnlyList<long> ChatIds, string? Error) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ids = new List<long>();
        var seen = new HashSet<long>();
        var number = 0;
        var sawLine = false;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            var first = FirstColumn(line);
            var header = !sawLine;
            sawLine = true;
            if (!long.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id == 0)
            {
                // The first line that is not blank may be a header.
                if (header) continue;
                return ([], $"{number}번째 줄 '{Shorten(first.ToString())}'은 채팅 ID가 아닙니다");
            }
            if (seen.Add(id)) ids.Add(id);
        }
        return ids.Count == 0 ? ([], "채팅 ID가 하나도 없습니다") : (ids, null);
    }

    private static ReadOnlySpan<char> FirstColumn(string line)
    {
        var span = line.AsSpan();
        var end = span.IndexOfAny(',', ';', '\t');
        return (end < 0 ? span : span[..end]).Trim().Trim('"');
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

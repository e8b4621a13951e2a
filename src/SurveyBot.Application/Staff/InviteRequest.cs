using System.Globalization;
using System.Text.RegularExpressions;

namespace SurveyBot.Staff;

/// <summary>
/// What <c>/invite &lt;flow&gt; [count|multi] [source] [days]</c> asks for, after the flow: how many single-use links (or
/// one multi-use link), the source stored with respondents, and the validity in days (<c>14d</c>).
/// </summary>
public sealed partial record InviteRequest(int Count, bool Multi, string Source, int Days)
{
    public const string DefaultSource = "invite";

    /// <summary>Null when a word is not understood or a value is out of range.</summary>
    public static InviteRequest? Parse(IEnumerable<string> words, int defaultDays, int maxCount)
    {
        int? count = null;
        int? days = null;
        string? source = null;
        var multi = false;
        foreach (var word in words)
        {
            if (word.Equals("multi", StringComparison.OrdinalIgnoreCase) && !multi) multi = true;
            else if (count is null && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) count = n;
            else if (days is null && DaysPattern().Match(word) is { Success: true } d) days = int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (source is null && SourcePattern().IsMatch(word)) source = word;
            else return null;
        }
        if (multi && count is not null) return null;
        if (count is < 1 || count > maxCount || days is < 1 or > 365) return null;
        return new InviteRequest(count ?? 1, multi, source ?? DefaultSource, days ?? defaultDays);
    }

    [GeneratedRegex("^([0-9]{1,3})d$")]
    private static partial Regex DaysPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    public static partial Regex SourcePattern();
}

using System.Text;

namespace SurveyBot.Export;

/// <summary>
/// Turns column names into valid, unique SPSS variable names: letters, digits and <c>_ . @ # $</c>,
/// starting with a letter, at most 64 bytes, not a reserved word, not ending in <c>.</c> or <c>_</c>.
/// Data-contract codes such as <c>Q10_order</c> pass unchanged.
/// </summary>
public static class SpssNames
{
    public const int MaxBytes = 64;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH" };

    public static IReadOnlyList<string> Assign(IEnumerable<string> columns)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var column in columns)
        {
            var name = Clean(column);
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x";
                candidate = Truncate(name, MaxBytes - suffix.Length) + suffix;
            }
            names.Add(candidate);
        }
        return names;
    }

    private static string Clean(string column)
    {
        var text = new StringBuilder();
        foreach (var c in column) text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '@' or '#' or '$' ? c : '_');
        if (text.Length == 0 || !char.IsAsciiLetter(text[0])) text.Insert(0, 'V');
        var name = Truncate(text.ToString(), MaxBytes);
        if (name[^1] is '.' or '_') name = Truncate(name, MaxBytes - 1) + "x";
        if (Reserved.Contains(name)) name += "x";
        return name;
    }

    // Names are ASCII after cleaning, so characters are bytes.
    private static string Truncate(string name, int bytes) => name.Length <= bytes ? name : name[..bytes];
}

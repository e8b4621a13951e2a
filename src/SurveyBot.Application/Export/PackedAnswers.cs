using System.Text;
using System.Text.Json;

namespace SurveyBot.Export;

/// <summary>
/// A respondent's answers packed by SQLite into one JSON object (<see cref="Storage.ResultsQuery"/>) (<c>{"SQ1":"5","SQ2":"1",...}</c>) and
/// unpacked into a results row. SQLite's JSON quoting keeps any answer text, however hostile, inside its
/// value. Unpacking shares the short values that make up most answers (codes such as "1" or "99")
/// instead of allocating them again for every respondent.
/// </summary>
internal sealed class PackedAnswers
{
    private const int MaxShared = 8;
    private const int MaxEntries = 4096;
    private const int MaxCode = 128;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnAt;
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _sharedLookup;

    /// <param name="columnAt">Row position of each answer code.</param>
    public PackedAnswers(Dictionary<string, int> columnAt)
    {
        _columnAt = columnAt.GetAlternateLookup<ReadOnlySpan<char>>();
        _sharedLookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Puts each packed answer into its column of <paramref name="row"/>; codes the flow does not know are left out.</summary>
    public void Unpack(ReadOnlySpan<byte> json, string?[] row)
    {
        var reader = new Utf8JsonReader(json);
        Span<char> code = stackalloc char[MaxCode];
        Span<char> shortValue = stackalloc char[MaxShared];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("packed answers are not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = -1;
            if (reader.ValueSpan.Length <= MaxCode && _columnAt.TryGetValue(code[..reader.CopyString(code)], out var column)) at = column;
            reader.Read();
            if (at < 0) continue;
            if (reader.TokenType != JsonTokenType.String)
            {
                row[at] = Encoding.UTF8.GetString(reader.ValueSpan);
                continue;
            }
            if (reader.ValueIsEscaped || reader.ValueSpan.Length > MaxShared)
            {
                row[at] = reader.GetString();
                continue;
            }
            var text = shortValue[..reader.CopyString(shortValue)];
            if (!_sharedLookup.TryGetValue(text, out var value))
            {
                value = text.ToString();
                if (_shared.Count < MaxEntries) _shared[value] = value;
            }
            row[at] = value;
        }
    }
}

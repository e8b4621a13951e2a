using System.Text;

namespace SurveyBot.Testing;

/// <summary>Reads an exported CSV back: UTF-8 (BOM dropped), RFC 4180 quoting undone, quoted line breaks kept.</summary>
public static class CsvText
{
    public static List<string[]> Parse(byte[] bytes) => Parse(Encoding.UTF8.GetString(bytes));

    public static List<string[]> Parse(string text)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}

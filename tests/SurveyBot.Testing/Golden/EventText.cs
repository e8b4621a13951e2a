using System.Collections;
using System.Reflection;

namespace SurveyBot.Testing.Golden;

/// <summary>
/// Writes an event as its type name and public fields, read by reflection so the transcripts record
/// whatever events the engine emits without knowing them.
/// </summary>
public static class EventText
{
    public static string Of(object fact)
    {
        var type = fact.GetType();
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0)
            .Select(p => $"{p.Name}: {Value(p.GetValue(fact))}");
        var list = string.Join(", ", fields);
        return list.Length == 0 ? type.Name : $"{type.Name}({list})";
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => text.Replace("\n", "\\n", StringComparison.Ordinal),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}

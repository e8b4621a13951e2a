namespace SurveyBot.Testing;

/// <summary>Builds the typed answers a test plants for scripted interviews.</summary>
public static class TypedAnswers
{
    /// <summary>Adds <paramref name="value"/>(code) for every code, returning the same dictionary.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> answers, IEnumerable<string> codes, Func<string, string> value)
    {
        foreach (var code in codes) answers[code] = value(code);
        return answers;
    }
}

namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>A routing condition from a flow file (<c>show_if</c>, <c>screen_out_if</c>), evaluated on stored answers.</summary>
public abstract class Condition
{
    /// <summary>The condition as written in the flow file, for graphs and error messages.</summary>
    public string Source { get; internal set; } = "";

    public abstract bool Evaluate(IReadOnlyDictionary<string, string> answers);

    /// <summary>The data columns the condition reads.</summary>
    public abstract IEnumerable<string> ReferencedCodes();

    public override string ToString() => Source;

    /// <summary>Reads a stored answer as a number; a missing or non-numeric answer makes every comparison false.</summary>
    protected static bool TryGetNumber(IReadOnlyDictionary<string, string> answers, string code, out decimal value)
    {
        value = 0;
        return answers.TryGetValue(code, out var raw) && decimal.TryParse(raw, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}

namespace SurveyBot.Engine.Definition.Conditions;

/// <summary><c>CODE in [1, 2, 3]</c>.</summary>
public sealed class InListCondition(string code, IReadOnlyList<decimal> values) : Condition
{
    public string Code { get; } = code;
    public IReadOnlyList<decimal> Values { get; } = values;

    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) =>
        TryGetNumber(answers, Code, out var actual) && Values.Contains(actual);

    public override IEnumerable<string> ReferencedCodes() => [Code];
}

namespace SurveyBot.Engine.Definition.Conditions;

/// <summary><c>CODE OP NUMBER</c>, e.g. <c>SQ3 &lt; 15</c>.</summary>
public sealed class ComparisonCondition(string code, string op, decimal value) : Condition
{
    public string Code { get; } = code;
    public string Operator { get; } = op;
    public decimal Value { get; } = value;

    public override bool Evaluate(IReadOnlyDictionary<string, string> answers)
    {
        if (!TryGetNumber(answers, Code, out var actual)) return false;
        return Operator switch
        {
            "=" or "==" => actual == Value,
            "!=" => actual != Value,
            "<" => actual < Value,
            "<=" => actual <= Value,
            ">" => actual > Value,
            ">=" => actual >= Value,
            _ => false,
        };
    }

    public override IEnumerable<string> ReferencedCodes() => [Code];
}

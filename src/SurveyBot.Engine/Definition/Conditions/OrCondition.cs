namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>Either side holds.</summary>
public sealed class OrCondition(Condition left, Condition right) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => left.Evaluate(answers) || right.Evaluate(answers);

    public override IEnumerable<string> ReferencedCodes() => left.ReferencedCodes().Concat(right.ReferencedCodes());
}

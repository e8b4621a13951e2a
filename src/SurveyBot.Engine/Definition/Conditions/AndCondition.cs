namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>Both sides hold.</summary>
public sealed class AndCondition(Condition left, Condition right) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => left.Evaluate(answers) && right.Evaluate(answers);

    public override IEnumerable<string> ReferencedCodes() => left.ReferencedCodes().Concat(right.ReferencedCodes());
}

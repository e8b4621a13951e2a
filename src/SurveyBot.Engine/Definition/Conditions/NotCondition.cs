namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>The inner condition does not hold.</summary>
public sealed class NotCondition(Condition inner) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => !inner.Evaluate(answers);

    public override IEnumerable<string> ReferencedCodes() => inner.ReferencedCodes();
}

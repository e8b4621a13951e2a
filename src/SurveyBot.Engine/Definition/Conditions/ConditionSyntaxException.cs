namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>A condition in a flow file that does not parse.</summary>
public sealed class ConditionSyntaxException(string message) : Exception(message);

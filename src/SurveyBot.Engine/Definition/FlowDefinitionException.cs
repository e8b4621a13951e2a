namespace SurveyBot.Engine.Definition;

/// <summary>Thrown when a flow file cannot be used; carries every error found.</summary>
public sealed class FlowDefinitionException(IReadOnlyList<FlowError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<FlowError> Errors { get; } = errors;
}

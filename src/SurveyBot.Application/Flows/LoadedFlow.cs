using SurveyBot.Configuration;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Flows;

/// <summary>A flow file loaded and expanded, ready for interviews.</summary>
public sealed record LoadedFlow(FlowDefinition Definition, FlowPlan Plan)
{
    public string Id => Definition.Id;

    /// <summary>When the flow takes respondents, from configuration; always open unless configured.</summary>
    public FieldingWindow Fielding { get; init; } = FieldingWindow.Always;

    /// <summary>The flow file's text, stored as the version's record when the bot starts.</summary>
    public string Content { get; init; } = "";
}

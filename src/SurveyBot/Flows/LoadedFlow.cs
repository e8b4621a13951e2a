using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Flows;

/// <summary>A flow file loaded and expanded, ready for interviews.</summary>
public sealed record LoadedFlow(FlowDefinition Definition, FlowPlan Plan)
{
    public string Id => Definition.Id;
}

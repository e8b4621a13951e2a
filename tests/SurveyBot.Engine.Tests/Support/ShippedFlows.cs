using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Testing;

namespace SurveyBot.Engine.Tests.Support;

/// <summary>
/// The shipped flows as the engine alone reads them (the loader and the plan, no application catalog), so the
/// engine's tests need nothing above the engine.
/// </summary>
public static class ShippedFlows
{
    public static FlowPlan Citizen { get; } = Load("citizen");

    public static FlowPlan Expert { get; } = Load("expert");

    private static FlowPlan Load(string id) =>
        new(FlowLoader.Load(File.ReadAllText(RepoPaths.Flow(id)), Path.Combine("flows", id + ".yaml")));
}

using SurveyBot.Flows;

namespace SurveyBot.Testing;

/// <summary>The test flows of Fixtures/flows (kinds the shipped flows do not use), loaded once.</summary>
public static class KindFlows
{
    public static FlowCatalog Catalog { get; } = new(RepoPaths.TestFlows);

    public static LoadedFlow Transport => Catalog["transport"];
}

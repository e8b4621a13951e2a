using SurveyBot.Flows;

namespace SurveyBot.Testing;

/// <summary>The shipped flows, loaded once for all tests.</summary>
public static class ShippedFlows
{
    public static FlowCatalog Catalog { get; } = new(RepoPaths.Flows);

    public static LoadedFlow Citizen => Catalog["citizen"];

    public static LoadedFlow Expert => Catalog["expert"];
}

using System.Xml.Linq;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Architecture;

/// <summary>
/// The test projects follow the layers too: the engine's tests build from the engine alone (so they run in seconds),
/// and the storage tests need neither the Bot API nor the host. A reference added for convenience fails here.
/// </summary>
public sealed class TestProjectReferenceTests
{
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "SurveyBot.Engine.Tests", ["SurveyBot.Engine"] },
        { "SurveyBot.Testing", ["SurveyBot.Application", "SurveyBot.Storage", "SurveyBot.Storage.Postgres"] },
        { "SurveyBot.Storage.Tests", ["SurveyBot.Application", "SurveyBot.Storage", "SurveyBot.Testing"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_test_project_references_only_what_its_layer_may(string project, string[] allowed)
    {
        var file = Path.Combine(RepoPaths.Root, "tests", project, project + ".csproj");

        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(allowed, references);
    }
}

using Microsoft.Extensions.Time.Testing;
using SurveyBot.Results;
using SurveyBot.Results.Outcomes;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Outcomes;

/// <summary>Where people stop: break-offs per question in stats, and the funnel from start to completion as a chart.</summary>
public sealed class DropoutTests
{
    [Fact]
    public async Task The_funnel_counts_who_reached_each_question_and_who_stopped_there()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);
        var eligible = new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "30" };
        await CitizenInterviews.RunAsync(driver, 1, eligible, 1);
        await CitizenInterviews.RunAsync(driver, 2, eligible, 2);
        await CitizenInterviews.RunAsync(driver, 6, new Dictionary<string, string> { ["SQ1"] = "26" }, 6);
        await PartialInterviews.RunAsync(database, driver, 3, 4, null, seed: 3);   // SQ1-SQ3 and Q1_1: stands at Q1_2
        await PartialInterviews.RunAsync(database, driver, 4, 2, null, seed: 4);   // SQ1, SQ2: stands at SQ3
        await driver.StartAsync(5, "citizen");                                     // stands at the intro, before SQ1

        var stages = (await new DropoutFunnel(database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync()).ToDictionary(s => s.Code);
        Assert.Equal((6, 0), (stages["start"].Reached, stages["start"].StoppedHere));
        Assert.Equal((6, 1), (stages["SQ1"].Reached, stages["SQ1"].StoppedHere));
        Assert.Equal((4, 0), (stages["SQ2"].Reached, stages["SQ2"].StoppedHere));
        Assert.Equal((4, 1), (stages["SQ3"].Reached, stages["SQ3"].StoppedHere));
        Assert.Equal((3, 1), (stages["Q1"].Reached, stages["Q1"].StoppedHere));
        Assert.Equal((2, 0), (stages["Q2"].Reached, stages["Q2"].StoppedHere));
        Assert.Equal(2, stages["completed"].Reached);
        Assert.DoesNotContain("INTRO", stages.Keys);

        var lines = (await new FieldworkStats(database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync()).ToFullText().Split('\n');
        Assert.Contains("- SQ1: 1명 (도달 6명)", lines);
        Assert.Contains("- SQ3: 1명 (도달 4명)", lines);
        Assert.Contains("- Q1: 1명 (도달 3명)", lines);

        var png = await new ChartRenderer(database.Factory, ShippedFlows.Citizen.Definition).RenderPngAsync("dropout");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Contains("dropout", ChartRenderer.ChartableCodes(ShippedFlows.Citizen.Definition));
    }
}

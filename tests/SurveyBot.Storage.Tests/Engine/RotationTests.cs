using SurveyBot.Engine.Runtime;
using SurveyBot.Simulation;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Engine;

public sealed class RotationTests
{
    [Fact]
    public async Task Twelve_respondents_see_each_option_of_Q10_first_exactly_twice_and_the_stored_order_is_the_shown_one()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, TimeProvider.System, typedChoices: false);
        var random = new Random(12);
        var firstShown = new List<string>();

        for (long chat = 1; chat <= 12; chat++)
        {
            var turn = await driver.StartAsync(chat, "citizen");
            while (turn.Current.StepId != "Q10_1")
            {
                // Keep every respondent eligible: a district in Seoul and an age inside the screen.
                var input = turn.Current.StepId switch
                {
                    "SQ1" => InterviewInput.Pressed(CallbackData.For("SQ1", "5")),
                    "SQ3" => InterviewInput.Typed("40"),
                    _ => SimulatedAnswers.For(turn.Current, random),
                };
                turn = await driver.SendAsync(chat, input);
            }
            var shownOrder = turn.Current.Buttons.SelectMany(r => r).Where(b => b.Value != CallbackData.Back).Select(b => b.Value).ToList();
            Assert.Equal(string.Join(',', shownOrder), database.AnswersOf(InterviewDriver.Channel, chat)["Q10_order"]);
            firstShown.Add(shownOrder[0]);

            // The second pick keeps the same order, minus the option already ranked.
            var picked = shownOrder[2];
            turn = await driver.SendAsync(chat, InterviewInput.Pressed(CallbackData.For("Q10_1", picked)));
            var secondShown = turn.Current.Buttons.SelectMany(r => r).Where(b => b.Value != CallbackData.Back).Select(b => b.Value).ToList();
            Assert.Equal(shownOrder.Where(v => v != picked), secondShown);
        }

        Assert.Equal(6, firstShown.Distinct().Count());
        Assert.All(firstShown.GroupBy(f => f), g => Assert.Equal(2, g.Count()));
    }
}

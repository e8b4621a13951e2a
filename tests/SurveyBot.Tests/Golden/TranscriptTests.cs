using SurveyBot.Engine.Runtime;
using SurveyBot.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SurveyBot.Tests.Golden;

/// <summary>
/// Replays every golden transcript against the real engine and a real SQLite file. Set
/// SURVEYBOT_GOLDEN_OBSERVE=1 to also write what was observed to <c>*.observed.yaml</c> beside each fixture
/// (for reviewing a change, never copied in blindly).
/// </summary>
public sealed class TranscriptTests
{

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Transcripts, "*.yaml").Where(f => !f.EndsWith(".observed.yaml")).Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Transcript_plays_as_recorded(string fixture)
    {
        var transcript = Transcript.Load(fixture);
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FixedClock(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));
        var observed = new List<string>();

        var turn = await driver.StartAsync(transcript.Chat, transcript.Flow);
        Assert.Equal(transcript.First, turn.Current.StepId);
        var current = turn.Current;

        for (var i = 0; i < transcript.Turns.Count; i++)
        {
            var expected = transcript.Turns[i];
            var before = database.Snapshot();
            turn = expected switch
            {
                { Back: true } => await driver.SendAsync(transcript.Chat, InterviewInput.Back()),
                { Press: { } label } => await driver.PressAsync(transcript.Chat, current, label),
                { Callback: { } data } => await driver.SendAsync(transcript.Chat, InterviewInput.Pressed(data)),
                _ => await driver.TypeAsync(transcript.Chat, expected.Type ?? ""),
            };
            current = turn.Current;
            var shown = current.IsFinal ? FinalState(turn) : current.StepId;
            observed.Add($"  - {{{Describe(expected)}, step: {shown}{(turn.Outcome.Accepted ? "" : ", refused: true")}}}");

            var where = $"{fixture} turn {i + 1} ({expected})";
            Assert.True(expected.Step == shown, $"{where}: expected step {expected.Step}, shown {shown}; notice: {turn.Outcome.Notice}");
            Assert.True(expected.Refused == !turn.Outcome.Accepted, $"{where}: refused expected {expected.Refused}, notice: {turn.Outcome.Notice}");
            if (expected.Refused) Assert.True(before == database.Snapshot(), $"{where}: a refused input changed the database");
            if (expected.Notice is { } notice) Assert.Contains(notice, turn.Outcome.Notice ?? "");
            var seen = current.Text + "\n" + string.Join("\n", current.Buttons.SelectMany(r => r).Select(b => b.Label));
            foreach (var text in expected.Shows) Assert.True(seen.Contains(text), $"{where}: prompt lacks '{text}':\n{seen}");
        }

        var answers = database.AnswersOf(InterviewDriver.Channel, transcript.Chat);
        await using (var db = database.Open())
        {
            var respondent = db.Respondents.Single(r => r.ChatId == transcript.Chat);
            if (Environment.GetEnvironmentVariable("SURVEYBOT_GOLDEN_OBSERVE") == "1")
            {
                observed.Add($"status: {respondent.Status}");
                observed.Add($"screened_out_at: {respondent.ScreenedOutAt}");
                observed.Add("answers:");
                observed.AddRange(answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"  {a.Key}: \"{a.Value.Replace("\n", "\\n")}\""));
                await File.WriteAllLinesAsync(Path.Combine(RepoPaths.Transcripts, Path.ChangeExtension(fixture, ".observed.yaml")), observed);
            }
            Assert.Equal(transcript.Status, respondent.Status);
            Assert.Equal(transcript.ScreenedOutAt, respondent.ScreenedOutAt);
        }
        Assert.Equal(transcript.Answers.OrderBy(a => a.Key, StringComparer.Ordinal), answers.OrderBy(a => a.Key, StringComparer.Ordinal));
    }

    private static string FinalState(Interviews.InterviewTurn turn) =>
        turn.Interview!.State.Status == InterviewStatus.ScreenedOut ? InterviewMachine.ScreenedOut : InterviewMachine.Completed;

    private static string Describe(TranscriptTurn turn) =>
        turn.Back ? "back: true" : turn.Press is not null ? $"press: \"{turn.Press}\"" : turn.Callback is not null ? $"callback: \"{turn.Callback}\"" : $"type: \"{turn.Type}\"";
}

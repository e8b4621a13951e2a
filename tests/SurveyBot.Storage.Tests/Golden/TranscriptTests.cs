using Microsoft.Extensions.Time.Testing;
using SurveyBot.Engine.Runtime;
using SurveyBot.Testing;
using SurveyBot.Testing.Golden;

namespace SurveyBot.Storage.Tests.Golden;

/// <summary>
/// Replays every golden transcript against the real engine and a real SQLite file, committing each input
/// the way the bot does (InterviewService and InterviewStore, then DirectSave), and compares the whole record
/// (every prompt with its buttons, the notices, the events, what each input stored or erased, the end state)
/// with the fixture. <c>SURVEYBOT_GOLDEN_UPDATE=1 dotnet test</c> rewrites the fixtures.
/// </summary>
public sealed class TranscriptTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Transcripts, "*.yaml").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Transcript_plays_as_recorded(string fixture)
    {
        var script = Transcript.Load(fixture).Script();
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)), productionCommit: true);
        var answers = new Dictionary<string, string>();
        var status = "";

        var turn = await driver.StartAsync(script.Chat, script.Flow);
        script.Start = new TranscriptTurn();
        Record(script.Start, turn);
        var current = turn.Current;

        foreach (var step in script.Turns)
        {
            var before = database.Snapshot();
            turn = step switch
            {
                { Back: true } => await driver.SendAsync(script.Chat, InterviewInput.Back()),
                { Press: { } label } => await driver.PressAsync(script.Chat, current, label),
                { Callback: { } data } => await driver.SendAsync(script.Chat, InterviewInput.Pressed(data)),
                _ => await driver.TypeAsync(script.Chat, step.Type ?? ""),
            };
            current = turn.Current;
            Record(step, turn);
            // A refused input must leave every stored row as it was, whatever the fixture says.
            if (step.Refused) Assert.True(before == database.Snapshot(), $"{fixture} {step}: a refused input changed the database");
        }

        await using (var db = database.Open())
        {
            var respondent = db.Respondents.Single(r => r.ChatId == script.Chat);
            script.End = new TranscriptEnd
            {
                Status = respondent.Status,
                ScreenedOutAt = respondent.ScreenedOutAt,
                Answers = answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(),
            };
        }
        GoldenFile.Verify(Transcript.PathOf(fixture), script);

        void Record(TranscriptTurn into, Interviews.InterviewTurn result)
        {
            into.Refused = !result.Outcome.Accepted;
            into.Notice = result.Outcome.Notice;
            into.Events = result.Outcome.Events.Select(EventText.Of).ToList();
            var now = database.AnswersOf(InterviewDriver.Channel, script.Chat);
            into.Stored = now.Where(a => !answers.TryGetValue(a.Key, out var old) || old != a.Value)
                .OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary();
            into.Erased = answers.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            answers = now;
            using (var db = database.Open())
            {
                var stored = db.Respondents.Single(r => r.ChatId == script.Chat).Status;
                into.Status = stored == status ? null : stored;
                status = stored;
            }
            var prompt = result.Current;
            into.Shown = new ShownPrompt
            {
                Step = prompt.IsFinal ? FinalState(result) : prompt.StepId,
                Text = prompt.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList(),
                Buttons = prompt.Buttons.Select(row => string.Join(" ", row.Select(b => $"[{b.Label} → {b.Data}]"))).ToList(),
            };
        }
    }

    private static string FinalState(Interviews.InterviewTurn turn) =>
        turn.Interview?.State.Status == InterviewStatus.ScreenedOut ? InterviewMachine.ScreenedOut : InterviewMachine.Completed;
}

using SurveyBot.Channels.Console;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// A node's <c>image</c> on the test flow Fixtures/flows/media.yaml: a photo with the question as its caption, the photo
/// before the text when the text is too long for a caption, the text alone when the file is missing; a path in the
/// terminal; a warning from validate.
/// </summary>
public sealed class NodeImageTests
{
    private const long Chat = 63001;
    private static readonly string Diagram = Path.Combine(RepoPaths.TestFlows, "images", "diagram.png");

    [Fact]
    public async Task The_picture_goes_out_as_a_photo_captioned_with_the_question_or_before_a_text_too_long_for_a_caption_or_not_at_all_when_missing()
    {
        await using var bot = await TelegramHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Survey:FlowsPath"] = RepoPaths.TestFlows,
            ["Survey:DefaultFlow"] = "media",
        });
        var flow = KindFlows.Catalog["media"].Definition;
        bot.Server.SendText(Chat, "/start");

        var card = await bot.QuestionAsync(Chat, "M1");
        var photo = bot.Server.Messages(Chat).Single(m => m.Kind == "photo");
        Assert.True(photo.MessageId < card.MessageId);
        Assert.Equal(flow.Questions[0].Text, photo.Caption);
        Assert.Equal(await File.ReadAllBytesAsync(Diagram), photo.FileBytes);
        Assert.DoesNotContain(flow.Questions[0].Text, card.Text);
        Assert.StartsWith("[문항 1/3]", card.Text);

        Assert.True(bot.TryPress(Chat, card, "다음"));
        var long_ = await bot.QuestionAsync(Chat, "M2");
        var photos = bot.Server.Messages(Chat).Where(m => m.Kind == "photo").ToList();
        Assert.Equal(2, photos.Count);
        Assert.True(string.IsNullOrEmpty(photos[1].Caption));
        Assert.True(photos[1].MessageId < long_.MessageId);
        Assert.Contains(flow.Questions[1].Text, long_.Text);

        Assert.True(bot.TryPress(Chat, long_, "1"));
        var missing = await bot.QuestionAsync(Chat, "M3");
        Assert.Contains(flow.Questions[2].Text, missing.Text);
        Assert.Equal(2, bot.Server.Messages(Chat).Count(m => m.Kind == "photo"));
        Assert.Equal(2, bot.Server.CallCount("sendPhoto"));
    }

    [Fact]
    public void The_terminal_shows_the_picture_as_its_path()
    {
        var plan = KindFlows.Catalog["media"].Plan;
        var interview = new Interview(plan, new InterviewState(), typedChoices: true);
        var shown = ConsolePromptWriter.Render(interview.Start().Next!);
        var path = Path.Combine(Path.GetDirectoryName(plan.Flow.SourcePath)!, "images/diagram.png");
        Assert.True(File.Exists(path));
        Assert.Contains($"[그림: {path}]", shown);
        Assert.Contains(plan.Flow.Questions[0].Text, shown);
        interview.Handle(InterviewInput.Typed(""));
        interview.Handle(InterviewInput.Typed("1"));
        Assert.Contains("missing.png (파일 없음)]", ConsolePromptWriter.Render(interview.CurrentPrompt()));
    }

    [Fact]
    public async Task Validate_warns_of_a_missing_picture_and_still_passes()
    {
        using var folder = new TestDatabase();
        using var process = BotProcess.Start(folder.Folder, new Dictionary<string, string>(), ["validate", Path.Combine(RepoPaths.TestFlows, "media.yaml")]);
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("M3: warning: image 'images/missing.png' not found beside the flow file; respondents get the text alone", process.Output);
        Assert.DoesNotContain("M1: warning", process.Output);
    }

    [Theory]
    [InlineData("../secret.png", "must be a path inside the flows folder")]
    [InlineData("/etc/passwd.png", "must be a path inside the flows folder")]
    [InlineData("images/diagram.gif", "must be a picture (.png, .jpg, .jpeg, .webp)")]
    public void A_picture_outside_the_flows_folder_or_of_another_type_is_an_error(string image, string problem)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.TestFlows, "media.yaml")).Replace("image: images/missing.png", $"image: {image}", StringComparison.Ordinal);
        var (flow, errors) = FlowLoader.Parse(yaml, "media.yaml");
        Assert.Empty(errors);
        Assert.Contains(FlowValidator.Validate(flow!), e => e.Code == "M3" && e.Message == $"image '{image}': {problem}" + (problem.StartsWith("must be a path", StringComparison.Ordinal) ? ", relative to the flow file, e.g. images/concept.png" : ""));
    }
}

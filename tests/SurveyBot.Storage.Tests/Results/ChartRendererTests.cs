using Microsoft.Extensions.Time.Testing;
using SurveyBot.Results;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Results;

public sealed class ChartRendererTests : IClassFixture<ChartRendererTests.Fieldwork>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly Fieldwork _fieldwork;

    public ChartRendererTests(Fieldwork fieldwork) => _fieldwork = fieldwork;

    public sealed class Fieldwork : IDisposable
    {
        public TestDatabase Database { get; } = new();

        public Fieldwork()
        {
            var driver = new InterviewDriver(Database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
            for (var chat = 1; chat <= 4; chat++)
                CitizenInterviews.RunAsync(driver, chat, new Dictionary<string, string> { ["Q1_1"] = chat == 1 ? "99" : "6" }, chat).GetAwaiter().GetResult();
        }

        public void Dispose() => Database.Dispose();
    }

    [Theory]
    [InlineData("SQ1")]   // single choice, 26 options
    [InlineData("SQ2")]
    [InlineData("SQ4")]   // recode
    [InlineData("Q12")]   // scale
    [InlineData("Q1")]    // matrix question
    [InlineData("Q1_1")]  // matrix item
    [InlineData("Q5")]    // rank, 3 picks
    [InlineData("Q10")]   // rank, 2 picks, rotated
    public async Task Every_chartable_code_renders_a_png(string code)
    {
        var renderer = new ChartRenderer(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        var png = await renderer.RenderPngAsync(code);
        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 5_000, $"{png.Length} bytes");
        Assert.Contains(code, renderer.ChartableCodes());
    }

    [Fact]
    public async Task Korean_labels_use_the_nanum_font_when_it_is_installed()
    {
        // .ci/run installs fonts-nanum; without it charts still render with a fallback font.
        Assert.True(ChartFonts.HasNanum || !File.Exists("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"));
        var renderer = new ChartRenderer(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        await File.WriteAllBytesAsync(Path.Combine(_fieldwork.Database.Folder, "sq2.png"), await renderer.RenderPngAsync("SQ2"));
    }

    [Fact]
    public async Task A_code_without_a_chart_is_refused_with_a_clear_message()
    {
        var renderer = new ChartRenderer(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => renderer.RenderPngAsync("NOPE"));
        Assert.Contains("'NOPE' is not a question", unknown.Message);
        var text = await Assert.ThrowsAsync<ArgumentException>(() => renderer.RenderPngAsync("INTRO"));
        Assert.Contains("no chart", text.Message);
    }
}

using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>
/// <c>validate</c> against a database that has served the flow: an edit that keeps every stored code
/// passes and says it becomes the next version; one that re-labels an option code (stored answers
/// would change meaning) or removes a question is refused, unless forced.
/// </summary>
public sealed class ValidateVersionTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Edits_that_break_stored_data_are_refused_unless_forced()
    {
        var shipped = await File.ReadAllTextAsync(RepoPaths.Flow("citizen"));
        await using (var db = _database.Open())
            Assert.Equal(1, await new FlowVersionStore(db).RegisterAsync("citizen", 1, shipped, DateTime.UtcNow, CancellationToken.None));
        var environment = new Dictionary<string, string> { ["ConnectionStrings__SurveyBot"] = _database.ConnectionString };

        var reworded = Write("reworded.yaml", shipped.Replace("SQ2) 귀하의 성별은 무엇입니까?", "SQ2) 성별을 골라 주십시오.", StringComparison.Ordinal));
        var (code, output) = await ValidateAsync(environment, reworded);
        Assert.Equal(0, code);
        Assert.Contains("edited since version 1", output);
        Assert.Contains("as version 2", output);

        var relabelled = Write("relabelled.yaml", shipped.Replace("""{code: 1, label: "남성"}""", """{code: 1, label: "여성"}""", StringComparison.Ordinal)
            .Replace("""{code: 2, label: "여성"}""", """{code: 2, label: "남성"}""", StringComparison.Ordinal));
        (code, output) = await ValidateAsync(environment, relabelled);
        Assert.Equal(1, code);
        Assert.Contains("SQ2: option code 1 changed from '남성' to '여성'", output);
        Assert.Contains("refused", output);

        (code, output) = await ValidateAsync(environment, relabelled, "--force");
        Assert.Equal(0, code);
        Assert.Contains("(forced)", output);

        (code, output) = await ValidateAsync(environment, Write("same.yaml", shipped));
        Assert.Equal(0, code);
        Assert.Contains("unchanged since version 1", output);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_database.Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Code, string Output)> ValidateAsync(Dictionary<string, string> environment, string path, params string[] extra)
    {
        using var process = BotProcess.Start(_database.Folder, environment, ["validate", path, .. extra]);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.Output);
    }

    public void Dispose() => _database.Dispose();
}

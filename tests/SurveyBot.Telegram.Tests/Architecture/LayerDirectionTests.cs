using System.Reflection;
using System.Text.RegularExpressions;

namespace SurveyBot.Telegram.Tests.Architecture;

/// <summary>
/// The layers point one way: Telegram -> application -> engine and storage; the engine knows nothing of SurveyBot's,
/// and no SQL is written outside storage. A new project reference or a query in the wrong place fails here.
/// </summary>
public sealed partial class LayerDirectionTests
{
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "SurveyBot.Engine", [] },
        { "SurveyBot.Storage", ["SurveyBot.Engine"] },
        { "SurveyBot.Application", ["SurveyBot.Engine", "SurveyBot.Storage"] },
        { "SurveyBot.Telegram", ["SurveyBot.Application", "SurveyBot.Engine", "SurveyBot.Storage"] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_layer_references_only_the_layers_below_it(string layer, string[] below)
    {
        var assembly = Assembly.Load(layer);

        var ours = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("SurveyBot", StringComparison.Ordinal)).Order().ToArray();

        Assert.DoesNotContain(ours, n => !below.Contains(n));
    }

    [Fact]
    public void Only_the_application_and_below_are_free_of_Telegram()
    {
        foreach (var layer in new[] { "SurveyBot.Engine", "SurveyBot.Storage", "SurveyBot.Application" })
            Assert.DoesNotContain(Assembly.Load(layer).GetReferencedAssemblies(), a => a.Name!.StartsWith("Telegram.Bot", StringComparison.Ordinal));
    }

    [Fact]
    public void No_SQL_text_is_written_outside_storage()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offending = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.StartsWith(Path.Combine(src, "SurveyBot.Storage") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => Sql().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offending);
    }

    /// <summary>A statement in a string literal (<c>"SELECT ...</c>), or on its own line of a raw string literal.</summary>
    [GeneratedRegex(@"(""|^\s+)(SELECT|INSERT|UPDATE|DELETE|PRAGMA|VACUUM|CREATE|DROP|ALTER)\s+[A-Za-z*(]", RegexOptions.CultureInvariant)]
    private static partial Regex Sql();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SurveyBot.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("SurveyBot.sln not found above the test binaries");
    }
}

using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SurveyBot.Testing.Golden;

/// <summary>
/// Reads and checks golden YAML files. A file is compared as text with what was observed, so any change
/// at all (a word of a prompt, a button, an event, a stored value, a Bot API call) fails with a line diff;
/// with <c>SURVEYBOT_GOLDEN_UPDATE=1</c> the file is rewritten instead and <c>git diff</c> shows what the
/// change did. The comment lines heading a file are hand-written and kept.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "SURVEYBOT_GOLDEN_UPDATE";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitDefaults | DefaultValuesHandling.OmitEmptyCollections)
        .Build();

    public static T Read<T>(string path) => Reader.Deserialize<T>(File.ReadAllText(path));

    /// <summary>Fails with a diff unless <paramref name="path"/> holds exactly <paramref name="observed"/>; rewrites it when updating.</summary>
    public static void Verify<T>(string path, T observed)
    {
        var existing = File.Exists(path) ? Normalize(File.ReadAllText(path)) : "";
        var header = string.Concat(existing.Split('\n').TakeWhile(l => l.StartsWith('#')).Select(l => l + "\n"));
        var expected = header + Normalize(Writer.Serialize(observed!));
        if (expected == existing) return;
        if (Updating)
        {
            File.WriteAllText(path, expected, new UTF8Encoding(false));
            return;
        }
        Assert.Fail($"{Path.GetFileName(path)} differs from what the bot did (- fixture, + observed); " +
            $"if the change is intended, run the tests with {UpdateVariable}=1 and review `git diff`:\n{Diff(existing, expected)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    /// <summary>The changed lines with two lines of context around each change.</summary>
    private static string Diff(string before, string after)
    {
        var lines = InlineDiffBuilder.Diff(before, after).Lines;
        var shown = new StringBuilder();
        var last = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Enumerable.Range(i - 2, 5).Any(j => j >= 0 && j < lines.Count && lines[j].Type != ChangeType.Unchanged)) continue;
            if (last >= 0 && i > last + 1) shown.AppendLine("  ...");
            var mark = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            shown.Append(mark).AppendLine(lines[i].Text);
            last = i;
        }
        return shown.ToString();
    }
}

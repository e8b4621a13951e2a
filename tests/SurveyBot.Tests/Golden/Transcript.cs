using SurveyBot.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SurveyBot.Tests.Golden;

/// <summary>A golden interview transcript (<c>Fixtures/transcripts/*.yaml</c>): scripted inputs in, expected screens and stored answers out.</summary>
public sealed class Transcript
{
    public string Flow { get; set; } = "";
    public long Chat { get; set; } = 1;

    /// <summary>The step shown right after /start.</summary>
    public string First { get; set; } = "";

    public List<TranscriptTurn> Turns { get; set; } = [];

    /// <summary>Final status: in_progress, completed, screened_out.</summary>
    public string Status { get; set; } = "";

    public string? ScreenedOutAt { get; set; }

    /// <summary>Exactly the answers stored at the end, by column.</summary>
    public Dictionary<string, string> Answers { get; set; } = [];

    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>Reads <c>Fixtures/transcripts/NAME.yaml</c>.</summary>
    public static Transcript Load(string name) =>
        Reader.Deserialize<Transcript>(File.ReadAllText(Path.Combine(RepoPaths.Transcripts, name.EndsWith(".yaml", StringComparison.Ordinal) ? name : name + ".yaml")));
}

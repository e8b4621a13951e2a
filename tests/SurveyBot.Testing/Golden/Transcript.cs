using SurveyBot.Testing;
using YamlDotNet.Serialization;

namespace SurveyBot.Testing.Golden;

/// <summary>
/// A golden interview transcript (<c>Fixtures/transcripts/*.yaml</c>): the scripted inputs are written by
/// hand; everything else (each prompt in full, the events, what was stored, the end state) is what the
/// bot produced when the fixture was last accepted, rewritten by <c>SURVEYBOT_GOLDEN_UPDATE=1</c>.
/// </summary>
public sealed class Transcript
{
    public string Flow { get; set; } = "";
    public long Chat { get; set; } = 1;

    /// <summary>What /start showed, emitted and stored.</summary>
    public TranscriptTurn? Start { get; set; }

    public List<TranscriptTurn> Turns { get; set; } = [];

    /// <summary>The respondent row and every stored answer once the last input is handled.</summary>
    public TranscriptEnd? End { get; set; }

    /// <summary>The step shown right after /start.</summary>
    [YamlIgnore]
    public string First => Start?.Shown?.Step ?? "";

    /// <summary>Exactly the answers stored at the end, by column.</summary>
    [YamlIgnore]
    public Dictionary<string, string> Answers => End?.Answers ?? [];

    /// <summary>Reads <c>Fixtures/transcripts/NAME.yaml</c>.</summary>
    public static Transcript Load(string name) => GoldenFile.Read<Transcript>(PathOf(name));

    public static string PathOf(string name) =>
        Path.Combine(RepoPaths.Transcripts, name.EndsWith(".yaml", StringComparison.Ordinal) ? name : name + ".yaml");

    /// <summary>The same transcript with only the hand-written parts (flow, chat, inputs), to record afresh.</summary>
    public Transcript Script() => new() { Flow = Flow, Chat = Chat, Turns = Turns.Select(t => t.Script()).ToList() };
}

using YamlDotNet.Serialization;

namespace SurveyBot.Testing.Golden;

/// <summary>One input of a transcript (hand-written) and what it did (recorded).</summary>
public sealed class TranscriptTurn
{
    /// <summary>Text typed (console style: numbers or labels for options).</summary>
    public string? Type { get; set; }

    /// <summary>Label of a button of the current prompt to press.</summary>
    public string? Press { get; set; }

    /// <summary>Raw callback data to send (forged or stale buttons).</summary>
    public string? Callback { get; set; }

    /// <summary>Sends /back.</summary>
    public bool Back { get; set; }

    /// <summary>The input was refused (the transcript also proves it left the database as it was).</summary>
    public bool Refused { get; set; }

    /// <summary>The short message the respondent got about the input, in full.</summary>
    public string? Notice { get; set; }

    /// <summary>The interview's events for the input, each as its name and fields.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Answer columns the input wrote, with their stored values.</summary>
    public Dictionary<string, string> Stored { get; set; } = [];

    /// <summary>Answer columns the input deleted.</summary>
    public List<string> Erased { get; set; } = [];

    /// <summary>The respondent's status when the input changed it.</summary>
    public string? Status { get; set; }

    /// <summary>The prompt current after the input, in full.</summary>
    public ShownPrompt? Shown { get; set; }

    /// <summary>The step shown after the input: a step id, <c>(completed)</c> or <c>(screened_out)</c>.</summary>
    [YamlIgnore]
    public string Step => Shown?.Step ?? "";

    public TranscriptTurn Script() => new() { Type = Type, Press = Press, Callback = Callback, Back = Back };

    public override string ToString() =>
        Back ? "/back" : Press is not null ? $"press '{Press}'" : Callback is not null ? $"callback '{Callback}'" : $"type '{Type}'";
}

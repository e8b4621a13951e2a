namespace SurveyBot.Tests.Golden;

/// <summary>One input of a transcript and what the respondent must see after it.</summary>
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

    /// <summary>The step shown after the input: a step id, <c>(completed)</c> or <c>(screened_out)</c>.</summary>
    public string Step { get; set; } = "";

    /// <summary>The input must be refused and leave the database exactly as it was.</summary>
    public bool Refused { get; set; }

    /// <summary>Text the notice must contain.</summary>
    public string? Notice { get; set; }

    /// <summary>Texts the prompt shown after the input must contain.</summary>
    public List<string> Shows { get; set; } = [];

    public override string ToString() =>
        Back ? "/back" : Press is not null ? $"press '{Press}'" : Callback is not null ? $"callback '{Callback}'" : $"type '{Type}'";
}

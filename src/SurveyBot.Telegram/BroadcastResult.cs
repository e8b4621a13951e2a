namespace SurveyBot.Channels.Telegram;

/// <summary>What one broadcast send went through, filled in as it goes (it is read also when the send was cancelled).</summary>
public sealed class BroadcastResult
{
    /// <summary>Calls made, 429s included.</summary>
    public int Attempts { get; set; }

    /// <summary>429 answers met.</summary>
    public int TooManyRequests { get; set; }

    /// <summary>Whether a failed attempt may have reached Telegram all the same (a timeout, a dropped connection).</summary>
    public bool Uncertain { get; set; }
}

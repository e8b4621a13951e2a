namespace SurveyBot.Storage.Entities;

/// <summary>How many respondents a flow has started; gives each new one its ordinal (for rotation).</summary>
public sealed class FlowCounter
{
    public string FlowId { get; set; } = "";
    public long NextOrdinal { get; set; }
}

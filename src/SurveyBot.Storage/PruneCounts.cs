namespace SurveyBot.Storage;

/// <summary>How many rows one pruning run deleted from each transport table.</summary>
public sealed record PruneCounts(int Updates, int Calls, int Deliveries)
{
    public int Total => Updates + Calls + Deliveries;
}

namespace SurveyBot.Storage;

/// <summary>What the pruner deletes: rows of each transport table that ended before its cutoff (UTC).</summary>
public sealed record PruneCutoffs(DateTime HandledUpdates, DateTime FinishedCalls, DateTime Deliveries, DateTime SetAsideUpdates);

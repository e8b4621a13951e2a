namespace SurveyBot.Results;

/// <summary>How many completed interviews carry one data-quality flag of the wide export.</summary>
public sealed record QualityFlagCount(string Flag, int Completes);

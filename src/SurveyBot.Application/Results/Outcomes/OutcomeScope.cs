namespace SurveyBot.Results.Outcomes;

/// <summary>The outcome rates of one set of cases: the whole flow, or the cases of one source.</summary>
/// <param name="Source">Null for the whole flow.</param>
public sealed record OutcomeScope(string? Source, OutcomeRates Rates);

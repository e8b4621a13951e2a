namespace SurveyBot.Engine.Kinds.Charts;

/// <summary>What a chart of one question shows, as its kind decides; the results layer draws each shape.</summary>
public abstract record ChartSpec(string Code);

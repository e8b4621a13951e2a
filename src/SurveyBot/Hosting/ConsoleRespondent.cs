namespace SurveyBot.Hosting;

/// <summary>Who answers in the terminal: a local respondent number (so several people can share one database) and an optional flow.</summary>
public sealed record ConsoleRespondent(long Key, string? Flow);

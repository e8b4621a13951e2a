namespace SurveyBot.FakeBotApi;

/// <summary>One command from SurveyBot's setMyCommands menu.</summary>
/// <param name="Command">The command without the leading slash.</param>
/// <param name="Description">The menu description.</param>
public sealed record BotCommandEntry(string Command, string Description);

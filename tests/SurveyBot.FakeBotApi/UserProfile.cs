namespace SurveyBot.FakeBotApi;

/// <summary>What Telegram tells a bot about a person with every update: their name and username, as they set them.</summary>
public sealed record UserProfile(string FirstName, string? LastName = null, string? Username = null);

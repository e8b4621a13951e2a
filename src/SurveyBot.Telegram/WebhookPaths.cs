namespace SurveyBot.Channels.Telegram;

/// <summary>What a webhook call must carry, and where the webhook listener answers besides the update path.</summary>
public static class WebhookPaths
{
    /// <summary>The header Telegram puts the secret_token in.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>The load balancer's health probe: the report of the <c>health</c> verb as JSON, 200 when healthy, 503 when not.</summary>
    public const string Health = "/healthz";

    /// <summary>
    /// The largest update body accepted. An update the bot asks for (a message of at most 4,096 characters with its
    /// entities, a button press, a membership change) stays far below it; a bigger body is not from Telegram.
    /// </summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Telegram's rule for secret_token: 1-256 characters of A-Z a-z 0-9 _ -.</summary>
    public static bool IsValidSecret(string? secret) =>
        secret is { Length: >= 1 and <= 256 } && secret.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');
}

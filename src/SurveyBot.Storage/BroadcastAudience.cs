namespace SurveyBot.Storage;

/// <summary>Who a broadcast goes to; the names are what staff type (<c>/broadcast citizen new</c>).</summary>
public static class BroadcastAudience
{
    /// <summary>Every active contact (started the bot, not blocked, not opted out).</summary>
    public const string All = "all";

    /// <summary>Active contacts who never started the flow: an invitation.</summary>
    public const string New = "new";

    /// <summary>Active contacts with an interview of the flow in progress: a reminder.</summary>
    public const string InProgress = "in_progress";

    /// <summary>The chat ids of an uploaded CSV file (opted-out and blocked contacts among them are skipped).</summary>
    public const string Csv = "csv";

    public static IReadOnlyList<string> Named { get; } = [All, New, InProgress];

    /// <summary>Accepts the typed names, also <c>inprogress</c> and <c>in-progress</c>; null when unknown.</summary>
    public static string? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "all" => All,
        "new" => New,
        "in_progress" or "inprogress" or "in-progress" => InProgress,
        "csv" => Csv,
        _ => null,
    };

    /// <summary>The SQL condition on <c>contacts c</c> choosing the audience's chats; <c>{0}</c> is the flow id parameter.</summary>
    internal static string Condition(string audience) => audience switch
    {
        All => "c.\"State\" = 'active'",
        New => "c.\"State\" = 'active' AND c.\"ChatId\" NOT IN (SELECT r.\"ChatId\" FROM respondents r WHERE r.\"Channel\" = 'telegram' AND r.\"FlowId\" = {0})",
        InProgress => "c.\"State\" = 'active' AND c.\"ChatId\" IN (SELECT r.\"ChatId\" FROM respondents r WHERE r.\"Channel\" = 'telegram' AND r.\"FlowId\" = {0} AND r.\"Status\" = 'in_progress')",
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "not an audience of contacts"),
    };
}

namespace SurveyBot.Fieldwork;

/// <summary>The <c>Fieldwork</c> configuration section: invitation link defaults and the reminder/expiry scan.</summary>
public sealed class FieldworkOptions
{
    public const string Section = "Fieldwork";

    /// <summary>How often idle interviews are checked for reminders and expiry (the periods are set per flow).</summary>
    public int ScanIntervalSeconds { get; set; } = 60;

    /// <summary>Days an invitation link stays valid when staff give none.</summary>
    public int InvitationValidDays { get; set; } = 30;

    /// <summary>The most links one <c>/invite</c> creates in Telegram (they come in one message); the CLI has no limit.</summary>
    public int MaxLinksPerMessage { get; set; } = 50;
}

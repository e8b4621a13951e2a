namespace SurveyBot.Configuration;

/// <summary>
/// The <c>Access</c> configuration section: Telegram user ids allowed to run the admin commands
/// (results) and the staff commands (invitations, broadcasts). An admin may also do what staff do.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary><c>Access__Admins__0..n</c>: may download results and see fieldwork counts.</summary>
    public List<long> Admins { get; set; } = [];

    /// <summary><c>Access__Staff__0..n</c>: may create invitation links and send broadcasts.</summary>
    public List<long> Staff { get; set; } = [];

    public bool IsAdmin(long userId) => Admins.Contains(userId);

    public bool IsStaff(long userId) => Staff.Contains(userId) || IsAdmin(userId);
}

using System.Text;

namespace SurveyBot.Supervision;

/// <summary>
/// Removes the bot token from text before it is logged or stored: request URLs carry it as a <c>bot&lt;token&gt;</c>
/// path segment, so <c>bot&lt;token&gt;</c> becomes <c>bot***</c> and a bare token becomes <c>***</c>.
/// </summary>
public sealed class TokenRedactor
{
    public const string Mask = "***";

    private readonly string[] _forms;

    public TokenRedactor(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // A URL may carry the token percent-encoded (the ':' as %3A), so both spellings are masked.
        _forms = string.IsNullOrEmpty(token)
            ? []
            : new[] { token, Uri.EscapeDataString(token) }.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The text with every occurrence of the token masked; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _forms.Length == 0)
        {
            return text;
        }

        foreach (var form in _forms)
        {
            if (text.Contains(form, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Replace("bot" + form, "bot" + Mask, StringComparison.OrdinalIgnoreCase)
                           .Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    /// <summary>
    /// A one-line description of an exception safe to log: each exception in the inner chain as
    /// <c>Type: message</c>, redacted, without stack traces (which can carry request URLs in their data).
    /// </summary>
    public string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = new StringBuilder();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (text.Length > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(current.GetType().Name).Append(": ").Append(current.Message);
        }

        return Redact(text.ToString())!;
    }
}

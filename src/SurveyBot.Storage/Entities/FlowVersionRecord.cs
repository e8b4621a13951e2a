namespace SurveyBot.Storage.Entities;

/// <summary>
/// One version of a flow as it was served: the flow file's text, kept so that interviews begun on it
/// finish on it after the file is edited, and so that a new edit can be checked against it.
/// </summary>
public sealed class FlowVersionRecord
{
    public string FlowId { get; set; } = "";
    public int Version { get; set; }

    /// <summary>SHA-256 of the file's text (hex): an unchanged file is the same version.</summary>
    public string ContentHash { get; set; } = "";

    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

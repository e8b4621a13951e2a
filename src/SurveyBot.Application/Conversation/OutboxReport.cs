using SurveyBot.Export;

namespace SurveyBot.Conversation;

/// <summary>
/// An admin report named in an outbox row: what to render, not the rendered bytes. The handler only
/// stages this (checked against the flow definition); the sender renders it when it sends, outside the
/// transaction that handled the command.
/// </summary>
public sealed record OutboxReport
{
    public ReportKind Kind { get; init; }

    /// <summary>The flow id the report is about.</summary>
    public string Flow { get; init; } = "";

    /// <summary>For <see cref="ReportKind.Export"/>: the files to send.</summary>
    public DownloadFormat Format { get; init; }

    /// <summary>For <see cref="ReportKind.Chart"/>: the question or matrix item code.</summary>
    public string? Code { get; init; }
}

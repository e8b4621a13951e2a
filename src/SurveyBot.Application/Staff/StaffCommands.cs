using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Conversation;
using SurveyBot.Fieldwork;
using SurveyBot.Flows;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Staff;

/// <summary>
/// The staff commands: <c>/invite</c> (invitation links) and <c>/broadcast</c> (preview, confirm, status, cancel; a CSV
/// list of chat ids sent as a document). Everything is staged in the caller's unit of work and nothing here talks to the
/// network: invitation links are built by the channel when it sends them (it knows its own address), and an uploaded list
/// is staged as a job (<see cref="RecipientListJob"/>) that the sender downloads and stores after the commit.
/// </summary>
public sealed class StaffCommands(
    FlowCatalog flows,
    IOptions<AccessOptions> access,
    IOptions<BroadcastOptions> broadcastOptions,
    IOptions<FieldworkOptions> fieldworkOptions)
{
    private readonly StaffReplies _replies = StaffReplies.Korean;

    public static bool IsStaffCommand(string? command) => command is "/invite" or "/broadcast";

    /// <summary>A document whose caption is a <c>/broadcast</c> command: a CSV list of recipients.</summary>
    public static bool IsBroadcastUpload(ConversationInput message) =>
        message.File is not null && message.Caption is { } caption && caption.TrimStart().StartsWith("/broadcast", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(ConversationInput message, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var chat = message.ChatId;
        if (message.UserId is not { } from || !access.Value.IsStaff(from))
        {
            calls.Add(Send(chat, ConversationReplies.Korean.StaffOnly));
            return;
        }
        var text = message.Text ?? message.Caption ?? "";
        var newline = text.IndexOf('\n');
        var firstLine = newline < 0 ? text : text[..newline];
        var body = newline < 0 ? null : text[(newline + 1)..].Trim();
        var words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words[0].Split('@')[0].ToLowerInvariant();
        var arguments = words.Skip(1).ToList();
        if (command == "/invite")
        {
            Invite(chat, from, arguments, context, calls);
            return;
        }
        switch (arguments.FirstOrDefault()?.ToLowerInvariant())
        {
            case "status":
                await StatusAsync(chat, context, calls, cancellationToken);
                return;
            case "cancel":
                await CancelAsync(chat, context, calls, cancellationToken);
                return;
        }
        await DraftAsync(message, arguments, body, context, calls, cancellationToken);
    }

    /// <summary>A press on a broadcast preview's "보내기" or "취소".</summary>
    public async Task HandleButtonAsync(ConversationInput query, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chat = query.ChatId;
        if (query.UserId is not { } user || !access.Value.IsStaff(user))
        {
            calls.Add(Acknowledge(chat, query.PressId!, ConversationReplies.Korean.StaffOnly));
            return;
        }
        var data = query.ButtonData ?? "";
        var confirm = data.StartsWith(ChatButtons.BroadcastConfirm, StringComparison.Ordinal);
        var parameter = data[Math.Min(data.Length, ChatButtons.BroadcastConfirm.Length)..];
        var broadcast = await Db(context).Broadcasts.FirstOrDefaultAsync(b => b.StartParameter == parameter, cancellationToken);
        calls.Add(Acknowledge(chat, query.PressId!, null));
        if (broadcast is null)
        {
            calls.Add(Send(chat, _replies.NoBroadcast));
            return;
        }
        if (broadcast.Status != BroadcastRecord.Draft)
        {
            calls.Add(Send(chat, Format(_replies.BroadcastNotDraft, broadcast.Id, _replies.StatusName(broadcast.Status))));
            return;
        }
        if (query.Pressed is { } preview)
            calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Edit, MessageId = preview.MessageId, Text = preview.Text ?? "" }));
        if (confirm)
        {
            broadcast.Status = BroadcastRecord.Running;
            broadcast.StartedAt = context.Now;
            calls.Add(Send(chat, Format(_replies.BroadcastStarted, broadcast.Id)));
        }
        else
        {
            broadcast.Status = BroadcastRecord.Cancelled;
            broadcast.FinishedAt = context.Now;
            calls.Add(Send(chat, Format(_replies.BroadcastDiscarded, broadcast.Id)));
        }
    }

    private void Invite(long chat, long userId, List<string> arguments, HandlingContext context, List<StagedCall> calls)
    {
        var usage = Format(_replies.InviteUsage, fieldworkOptions.Value.MaxLinksPerMessage);
        if (arguments.Count == 0)
        {
            calls.Add(Send(chat, usage));
            return;
        }
        if (!flows.TryGet(arguments[0], out var flow))
        {
            calls.Add(Send(chat, UnknownFlow(arguments[0])));
            return;
        }
        var request = InviteRequest.Parse(arguments.Skip(1), fieldworkOptions.Value.InvitationValidDays, fieldworkOptions.Value.MaxLinksPerMessage);
        if (request is null)
        {
            calls.Add(Send(chat, usage));
            return;
        }
        var store = new InvitationStore(Db(context));
        var expires = context.Now.AddDays(request.Days);
        var tokens = new List<string>(request.Count);
        for (var i = 0; i < request.Count; i++)
            tokens.Add(store.Stage(flow.Id, request.Source, !request.Multi, expires, userId, context.Now).Token);
        var header = Format(_replies.InvitesCreated, flow.Definition.Title, request.Count, request.Multi ? _replies.MultiUse : _replies.SingleUse, request.Source, expires);
        // The links follow the header, a blank line between, one a line.
        calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Send, Text = header + "\n", StartLinks = tokens }));
    }

    private async Task DraftAsync(ConversationInput message, List<string> arguments, string? body, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = message.ChatId;
        var upload = message.File;
        if (arguments.Count < (upload is null ? 2 : 1))
        {
            calls.Add(Send(chat, _replies.BroadcastUsage));
            return;
        }
        if (!flows.TryGet(arguments[0], out var flow))
        {
            calls.Add(Send(chat, UnknownFlow(arguments[0])));
            return;
        }
        var audience = upload is null ? BroadcastAudience.Parse(arguments[1]) : BroadcastAudience.Csv;
        if (audience is null or BroadcastAudience.Csv && upload is null)
        {
            calls.Add(Send(chat, Format(_replies.UnknownAudience, arguments[1])));
            return;
        }
        var db = Db(context);
        var settings = broadcastOptions.Value;
        if (upload is not null && upload.Size > settings.MaxCsvBytes)
        {
            calls.Add(Send(chat, Format(_replies.CsvTooLarge, settings.MaxCsvBytes)));
            return;
        }
        var size = upload is null ? await new BroadcastStore(db).CountAudienceAsync(flow.Id, audience!, cancellationToken) : 0;
        if (upload is null && size == 0)
        {
            calls.Add(Send(chat, _replies.EmptyAudience));
            return;
        }
        var text = string.IsNullOrWhiteSpace(body)
            ? Format(audience == BroadcastAudience.InProgress ? _replies.Reminder : _replies.Invitation, flow.Definition.Title)
            : body.Length > 4000 ? body[..4000] : body;
        var expires = context.Now.AddDays(fieldworkOptions.Value.InvitationValidDays);
        if (upload is not null)
        {
            // Downloading the list is a network call: the sender does it after this commit (no unit of work waits on
            // Telegram), then stores the invitation, the draft and its recipients, and sends the preview. Nothing is
            // stored here, so a list that turns out unreadable or empty leaves nothing behind.
            calls.Add(new StagedCall(chat, new OutboxCall
            {
                Kind = OutboxCallKind.ImportRecipients,
                Import = new RecipientListJob
                {
                    FileId = upload.FileId,
                    Flow = flow.Id,
                    Text = text,
                    StartParameter = InvitationStore.NewToken(),
                    Paid = settings.PaidBroadcasts,
                    CreatedBy = message.UserId!.Value,
                    CreatedAt = context.Now,
                    InvitationExpiresAt = expires,
                },
            }));
            return;
        }
        // The message's button is a multi-use invitation: respondents it brings are exported with source "broadcast".
        var invitation = new InvitationStore(db).Stage(flow.Id, "broadcast", singleUse: false, expires, message.UserId!.Value, context.Now);
        new BroadcastStore(db).StageDraft(flow.Id, audience!, text, invitation.Token, settings.PaidBroadcasts, chat, context.Now);
        calls.Add(new StagedCall(chat, Preview(_replies, flow.Id, audience!, size, settings, settings.PaidBroadcasts, text, invitation.Token)));
    }

    /// <summary>The preview of a draft broadcast with its "보내기" and "취소" buttons.</summary>
    internal static OutboxCall Preview(StaffReplies replies, string flowId, string audience, int size, BroadcastOptions settings, bool paid, string text, string startParameter) => new()
    {
        Kind = OutboxCallKind.Send,
        Text = Format(replies.BroadcastPreview, flowId, audience, size, settings.RateFor(paid), paid ? replies.PaidNote : "", text),
        Buttons = [[new OutboxButton(replies.ConfirmButton, ChatButtons.BroadcastConfirm + startParameter), new OutboxButton(replies.DiscardButton, ChatButtons.BroadcastDiscard + startParameter)]],
    };

    private async Task StatusAsync(long chat, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var store = new BroadcastStore(Db(context));
        var current = await store.CurrentAsync(cancellationToken);
        calls.Add(Send(chat, current is null ? _replies.NoBroadcast : await BroadcastReport.DescribeAsync(store, current, context.Now, _replies, cancellationToken)));
    }

    private async Task CancelAsync(long chat, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var db = Db(context);
        var running = await db.Broadcasts.Where(b => b.Status == BroadcastRecord.Running).OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        if (running is null)
        {
            calls.Add(Send(chat, _replies.NothingToCancel));
            return;
        }
        running.Status = BroadcastRecord.Cancelled;
        running.FinishedAt = context.Now;
        var left = await db.Deliveries.CountAsync(d => d.BroadcastId == running.Id && d.Status == DeliveryRecord.Pending, cancellationToken);
        calls.Add(Send(chat, Format(_replies.BroadcastCancelled, running.Id, left)));
    }

    private string UnknownFlow(string name) => Format(_replies.UnknownFlow, name, string.Join(", ", flows.All.Select(f => f.Id)));

    private static SurveyDbContext Db(HandlingContext context) =>
        context.Database ?? throw new InvalidOperationException("staff commands need the unit of work's database");

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static StagedCall Send(long chat, string text) => new(chat, new OutboxCall { Kind = OutboxCallKind.Send, Text = text });

    private static StagedCall Acknowledge(long chat, string queryId, string? notice) =>
        new(chat, new OutboxCall { Kind = OutboxCallKind.AnswerCallback, CallbackQueryId = queryId, Text = notice });
}

using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Fieldwork;
using SurveyBot.Flows;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram.Staff;

/// <summary>
/// The staff commands: <c>/invite</c> (invitation links) and <c>/broadcast</c> (preview, confirm, status, cancel; a CSV
/// list of chat ids sent as a document). Everything is staged in the caller's unit of work; the only network calls are
/// getMe once (the bot's username for links) and downloading an uploaded CSV.
/// </summary>
public sealed class StaffCommands(
    FlowCatalog flows,
    ITelegramBotClient bot,
    BotIdentity identity,
    IOptions<AccessOptions> access,
    IOptions<BroadcastOptions> broadcastOptions,
    IOptions<FieldworkOptions> fieldworkOptions)
{
    private readonly StaffReplies _replies = StaffReplies.Korean;

    public static bool IsStaffCommand(string? command) => command is "/invite" or "/broadcast";

    /// <summary>A document whose caption is a <c>/broadcast</c> command: a CSV list of recipients.</summary>
    public static bool IsBroadcastUpload(Message message) =>
        message.Document is not null && message.Caption is { } caption && caption.TrimStart().StartsWith("/broadcast", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(Message message, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = message.Chat.Id;
        if (message.From is not { } from || !access.Value.IsStaff(from.Id))
        {
            calls.Add(Send(chat, TelegramReplies.Korean.StaffOnly));
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
            await InviteAsync(chat, from.Id, arguments, context, calls, cancellationToken);
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
    public async Task HandleButtonAsync(CallbackQuery query, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = query.Message?.Chat.Id ?? query.From.Id;
        if (!access.Value.IsStaff(query.From.Id))
        {
            calls.Add(Acknowledge(chat, query.Id, TelegramReplies.Korean.StaffOnly));
            return;
        }
        var data = query.Data ?? "";
        var confirm = data.StartsWith(ChatButtons.BroadcastConfirm, StringComparison.Ordinal);
        var parameter = data[Math.Min(data.Length, ChatButtons.BroadcastConfirm.Length)..];
        var broadcast = await Db(context).Broadcasts.FirstOrDefaultAsync(b => b.StartParameter == parameter, cancellationToken);
        calls.Add(Acknowledge(chat, query.Id, null));
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
        if (query.Message is { } preview)
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

    private async Task InviteAsync(long chat, long userId, List<string> arguments, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
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
        var username = await identity.UsernameAsync(cancellationToken);
        var store = new InvitationStore(Db(context));
        var expires = context.Now.AddDays(request.Days);
        var links = new StringBuilder();
        for (var i = 0; i < request.Count; i++)
        {
            var invitation = store.Stage(flow.Id, request.Source, !request.Multi, expires, userId, context.Now);
            links.Append('\n').Append(BotIdentity.Link(username, invitation.Token));
        }
        var header = Format(_replies.InvitesCreated, flow.Definition.Title, request.Count, request.Multi ? _replies.MultiUse : _replies.SingleUse, request.Source, expires);
        calls.Add(Send(chat, header + "\n" + links));
    }

    private async Task DraftAsync(Message message, List<string> arguments, string? body, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = message.Chat.Id;
        var upload = message.Document;
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
        IReadOnlyList<long>? listed = null;
        int size;
        if (upload is not null)
        {
            var limit = broadcastOptions.Value.MaxCsvBytes;
            if (upload.FileSize > limit)
            {
                calls.Add(Send(chat, Format(_replies.CsvTooLarge, limit)));
                return;
            }
            // Into a temporary file, bounded by what arrives (Telegram may omit file_size), then read line by line.
            await using var content = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var bounded = new BoundedWriteStream(content, limit);
            await bot.GetInfoAndDownloadFile(upload.FileId, bounded, cancellationToken);
            if (bounded.Exceeded)
            {
                calls.Add(Send(chat, Format(_replies.CsvTooLarge, limit)));
                return;
            }
            content.Position = 0;
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
            var (ids, error) = ChatIdList.Read(reader);
            if (error is not null)
            {
                calls.Add(Send(chat, Format(_replies.CsvUnreadable, error)));
                return;
            }
            listed = ids;
            size = ids.Count;
        }
        else
        {
            size = await new BroadcastStore(db).CountAudienceAsync(flow.Id, audience!, cancellationToken);
        }
        if (size == 0)
        {
            calls.Add(Send(chat, _replies.EmptyAudience));
            return;
        }
        var text = string.IsNullOrWhiteSpace(body)
            ? Format(audience == BroadcastAudience.InProgress ? _replies.Reminder : _replies.Invitation, flow.Definition.Title)
            : body.Length > 4000 ? body[..4000] : body;
        var settings = broadcastOptions.Value;
        // The message's button is a multi-use invitation: respondents it brings are exported with source "broadcast".
        var invitation = new InvitationStore(db).Stage(flow.Id, "broadcast", singleUse: false, context.Now.AddDays(fieldworkOptions.Value.InvitationValidDays), message.From!.Id, context.Now);
        if (listed is null) new BroadcastStore(db).StageDraft(flow.Id, audience!, text, invitation.Token, settings.PaidBroadcasts, chat, context.Now);
        else await new BroadcastStore(db).CreateListedDraftAsync(flow.Id, text, invitation.Token, settings.PaidBroadcasts, chat, context.Now, listed, cancellationToken);
        var preview = Format(_replies.BroadcastPreview, flow.Id, audience!, size, settings.RateFor(settings.PaidBroadcasts), settings.PaidBroadcasts ? _replies.PaidNote : "", text);
        calls.Add(new StagedCall(chat, new OutboxCall
        {
            Kind = OutboxCallKind.Send,
            Text = preview,
            Buttons = [[new OutboxButton(_replies.ConfirmButton, ChatButtons.BroadcastConfirm + invitation.Token), new OutboxButton(_replies.DiscardButton, ChatButtons.BroadcastDiscard + invitation.Token)]],
        }));
    }

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

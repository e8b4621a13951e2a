using System.Globalization;
using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Engine.Runtime;
using SurveyBot.Export;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Results;
using SurveyBot.Staff;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Conversation;

/// <summary>
/// The conversation: turns what a person did (<see cref="ConversationInput"/>: a message, a command, a button press) into
/// interview inputs, staff and admin commands, and the replies to make (<see cref="StagedCall"/>: what to say, which card,
/// which buttons). A channel only maps its payload to the input and the replies to its calls. Everything it decides is
/// staged in the caller's unit of work; nothing here talks to the network.
/// </summary>
public sealed class ConversationHandler(FlowCatalog flows, IOptions<SurveyOptions> survey, IOptions<AccessOptions> access, StaffCommands staff)
{
    /// <summary>The channel Telegram conversations are stored under.</summary>
    public const string ChannelName = ChannelNames.Telegram;

    /// <summary>Callback data of the /delete confirmation buttons; flow codes cannot start with '!', so they never collide.</summary>
    public const string EraseConfirmData = "!erase|yes";
    public const string EraseCancelData = "!erase|no";

    /// <summary>How long a /delete confirmation stays valid.</summary>
    public static readonly TimeSpan EraseConfirmLifetime = TimeSpan.FromMinutes(10);

    private readonly ConversationReplies _replies = ConversationReplies.Korean;

    public async Task<IReadOnlyList<StagedCall>> HandleAsync(ConversationInput input, HandlingContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var calls = new List<StagedCall>();
        switch (input.Kind)
        {
            case ConversationInputKind.Message:
                await OnMessageAsync(input, context, calls, cancellationToken);
                break;
            case ConversationInputKind.ButtonPress:
                await OnButtonAsync(input, context, calls, cancellationToken);
                break;
            case ConversationInputKind.EditedMessage when input.PrivateChat:
                calls.Add(Send(input.ChatId, _replies.EditedMessage));
                break;
            case ConversationInputKind.AddedToGroup when !input.PrivateChat:
                // Added to a group (again): say once why not, and go.
                LeaveGroup(input.ChatId, context, calls, added: true);
                break;
            case ConversationInputKind.Blocked or ConversationInputKind.MembershipChanged when input.PrivateChat:
                // The respondent blocked (kicked) or unblocked the bot: only the contact's state changes.
                var contact = Seen(context, input.ChatId, reactivate: false);
                if (input.Kind == ConversationInputKind.Blocked && contact is not null) contact.State = ContactRecord.Blocked;
                break;
        }
        return calls;
    }

    private async Task OnMessageAsync(ConversationInput message, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = message.ChatId;
        if (!message.PrivateChat)
        {
            LeaveGroup(chat, context, calls, added: false);
            return;
        }
        var text = message.Text;
        var command = CommandOf(text);
        Seen(context, chat, reactivate: command == "/start");
        if (text is null && StaffCommands.IsBroadcastUpload(message))
        {
            await staff.HandleAsync(message, context, calls, cancellationToken);
            return;
        }
        if (text is null)
        {
            calls.Add(Send(chat, _replies.UnsupportedMessage));
            return;
        }
        switch (command)
        {
            case "/start":
                await OnStartAsync(chat, ArgumentOf(text), context, calls, cancellationToken);
                return;
            case "/help":
                calls.Add(Send(chat, IsAdmin(message) ? _replies.Help + "\n\n" + string.Format(CultureInfo.InvariantCulture, _replies.AdminHelp, survey.Value.DefaultFlow) : _replies.Help));
                return;
            case "/delete":
                await OnDeleteAsync(chat, context, calls, cancellationToken);
                return;
            case "/export" or "/stats" or "/chart":
                // Admins are known by the user id the channel vouches for, never by anything the message says.
                if (!IsAdmin(message))
                {
                    calls.Add(Send(chat, _replies.AdminsOnly));
                    return;
                }
                calls.AddRange(AdminReport(chat, command, ArgumentsOf(text)));
                return;
            case "/stop":
                // Opting out: no more invitations or reminders; an interview in progress stays open.
                Seen(context, chat, reactivate: false)?.State = ContactRecord.Stopped;
                calls.Add(Send(chat, _replies.Stopped));
                return;
            case var staffCommand when StaffCommands.IsStaffCommand(staffCommand):
                await staff.HandleAsync(message, context, calls, cancellationToken);
                return;
            case "/back":
                await OnInputAsync(chat, InterviewInput.Back(), null, context, calls, cancellationToken);
                return;
            case not null:
                calls.Add(Send(chat, _replies.UnknownCommand));
                return;
        }
        await OnInputAsync(chat, InterviewInput.Typed(text), null, context, calls, cancellationToken);
    }

    private async Task OnButtonAsync(ConversationInput query, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var chat = query.ChatId;
        if (!query.PrivateChat)
        {
            calls.Add(Acknowledge(chat, query.PressId!, _replies.PrivateOnly));
            return;
        }
        Seen(context, chat, reactivate: false);
        if (query.ButtonData is EraseConfirmData or EraseCancelData)
        {
            await OnEraseAnswerAsync(chat, query, context, calls, cancellationToken);
            return;
        }
        if (query.ButtonData == ChatButtons.Resume)
        {
            calls.Add(Acknowledge(chat, query.PressId!, null));
            await OnResumeAsync(chat, context, calls, cancellationToken);
            return;
        }
        if (query.ButtonData?.StartsWith(ChatButtons.BroadcastPrefix, StringComparison.Ordinal) == true)
        {
            await staff.HandleButtonAsync(query, context, calls, cancellationToken);
            return;
        }
        await OnInputAsync(chat, InterviewInput.Pressed(query.ButtonData ?? ""), query, context, calls, cancellationToken);
    }

    private bool IsAdmin(ConversationInput message) => message.UserId is { } sender && access.Value.IsAdmin(sender);

    /// <summary>
    /// Checks an admin command against the flow definitions and stages the report it asks for; the
    /// report itself is rendered when the outbox sends it. A wrong argument gets the usage, nothing else.
    /// </summary>
    private List<StagedCall> AdminReport(long chat, string command, IReadOnlyList<string> arguments)
    {
        var flowIds = string.Join(", ", flows.All.Select(f => f.Id).Order(StringComparer.Ordinal));
        var defaultFlow = survey.Value.DefaultFlow;
        string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
        var (usage, maxArguments, flowAt) = command switch
        {
            "/export" => (Format(_replies.ExportUsage, defaultFlow, flowIds), 2, 1),
            "/stats" => (Format(_replies.StatsUsage, flowIds), 1, 0),
            _ => (Format(_replies.ChartUsage, FirstChartable(defaultFlow), defaultFlow, Chartable(defaultFlow)), 2, 1),
        };
        if (arguments.Count > maxArguments || (command != "/stats" && arguments.Count == 0)) return [Send(chat, usage)];
        var flowId = arguments.Count > flowAt ? arguments[flowAt] : defaultFlow;
        var flow = flows.All.FirstOrDefault(f => f.Id == flowId) ?? flows.All.FirstOrDefault(f => string.Equals(f.Id, flowId, StringComparison.OrdinalIgnoreCase));
        if (flow is null) return [Send(chat, Format(_replies.UnknownFlow, flowId, flowIds))];
        switch (command)
        {
            case "/export":
                var format = Enum.GetValues<DownloadFormat>().Select(f => (DownloadFormat?)f)
                    .FirstOrDefault(f => string.Equals(f.ToString(), arguments[0], StringComparison.OrdinalIgnoreCase));
                if (format is not { } chosen) return [Send(chat, usage)];
                return
                [
                    Send(chat, Format(_replies.ReportPreparing, flow.Definition.Title, DownloadFormatNames.Korean(chosen))),
                    Report(chat, new OutboxReport { Kind = ReportKind.Export, Flow = flow.Id, Format = chosen }),
                ];
            case "/stats":
                return [Report(chat, new OutboxReport { Kind = ReportKind.Stats, Flow = flow.Id })];
            default:
                var code = ChartRenderer.ChartableCodes(flow.Definition).FirstOrDefault(c => c == arguments[0])
                    ?? ChartRenderer.ChartableCodes(flow.Definition).FirstOrDefault(c => string.Equals(c, arguments[0], StringComparison.OrdinalIgnoreCase));
                if (code is null) return [Send(chat, Format(_replies.UnknownChartCode, arguments[0], Chartable(flow.Id)))];
                return [Report(chat, new OutboxReport { Kind = ReportKind.Chart, Flow = flow.Id, Code = code })];
        }
    }

    /// <summary>The question codes a chart can be drawn for (matrix items too, but not listed: the list stays short).</summary>
    private string Chartable(string flowId) =>
        flows.TryGet(flowId, out var flow)
            ? string.Join(", ", ChartRenderer.ChartableCodes(flow.Definition).Where(c => flow.Definition.Questions.Any(q => q.Code == c)))
            : "";

    private string FirstChartable(string flowId) =>
        flows.TryGet(flowId, out var flow) ? ChartRenderer.ChartableCodes(flow.Definition).FirstOrDefault() ?? "" : "";

    /// <summary>/delete: asks before erasing; the answer comes back as a button press.</summary>
    private async Task OnDeleteAsync(long chat, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        if (await context.Interviews.CurrentAsync(context.Channel.Name, chat, cancellationToken) is null)
        {
            calls.Add(Send(chat, _replies.DeleteNothing));
            return;
        }
        calls.Add(new StagedCall(chat, new OutboxCall
        {
            Kind = OutboxCallKind.Send,
            Text = _replies.DeleteConfirm,
            Buttons = [[new OutboxButton(_replies.DeleteYes, EraseConfirmData), new OutboxButton(_replies.DeleteNo, EraseCancelData)]],
        }));
    }

    /// <summary>
    /// A press on a /delete confirmation. Callback data is sent by the client and proves nothing, so the
    /// press counts only when Telegram's copy of the pressed message is SurveyBot's confirmation question
    /// carrying that very button, asked recently, and no interview began after it was asked. Anything else
    /// (a forged press, an old or foreign message) erases nothing.
    /// </summary>
    private async Task OnEraseAnswerAsync(long chat, ConversationInput query, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var asked = query.Pressed;
        var genuine = asked is not null
            && asked.Text == _replies.DeleteConfirm
            && asked.ButtonData.Contains(query.ButtonData!)
            && asked.SentAt <= context.Now.AddMinutes(1)
            && context.Now - asked.SentAt <= EraseConfirmLifetime;
        if (!genuine)
        {
            calls.Add(Acknowledge(chat, query.PressId!, _replies.DeleteExpired));
            return;
        }
        if (query.ButtonData == EraseCancelData)
        {
            calls.Add(Acknowledge(chat, query.PressId!, null));
            calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Edit, MessageId = asked!.MessageId, Text = _replies.DeleteCancelled }));
            return;
        }
        // Message dates have whole seconds: an interview begun within the second the question was sent is still covered.
        if (await context.Interviews.CurrentAsync(context.Channel.Name, chat, cancellationToken) is { } latest && latest.Record.StartedAt >= asked!.SentAt.AddSeconds(1))
        {
            calls.Add(Acknowledge(chat, query.PressId!, _replies.DeleteExpired));
            return;
        }
        var erased = await context.Eraser.StageChatErasureAsync(context.Channel.Name, chat, cancellationToken);
        context.Interviews.Forget(context.Channel.Name, chat);
        if (erased > 0 && context.Channel.KeepsTraffic && context.Database is { } db)
        {
            // Every trace of the interviews goes with them: the messages to and from the chat, its deliveries and claims.
            await new ChatEraser(db).StageAsync(chat, context.KnownContacts, context.Now, cancellationToken);
            context.ErasedChats.Add(chat);
        }
        if (erased == 0)
        {
            // A second tap on the same confirmation: already done.
            calls.Add(Acknowledge(chat, query.PressId!, _replies.DeleteNothing));
            return;
        }
        calls.Add(Acknowledge(chat, query.PressId!, null));
        calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Edit, MessageId = asked!.MessageId, Text = _replies.DeleteDone }));
    }

    private async Task OnStartAsync(long chat, string? payload, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var flowId = survey.Value.DefaultFlow;
        string? source = null;
        InvitationRecord? invitation = null;
        if (!string.IsNullOrEmpty(payload))
        {
            if (flows.TryGet(payload, out var linked))
            {
                flowId = linked.Id;
                source = "link";
            }
            else
            {
                // An invitation token; an unknown, expired or used one is refused before anything is stored.
                invitation = await FindInvitationAsync(payload, context, cancellationToken);
                if (invitation is null || !flows.TryGet(invitation.FlowId, out _))
                {
                    calls.Add(Send(chat, _replies.UnknownLink));
                    return;
                }
                if (invitation.ExpiresAt <= context.Now)
                {
                    calls.Add(Send(chat, _replies.LinkExpired));
                    return;
                }
                flowId = invitation.FlowId;
                source = invitation.Source;
            }
        }
        var current = await context.Interviews.CurrentAsync(context.Channel.Name, chat, cancellationToken);
        // One response per person and flow: a finished respondent is thanked, not interviewed again, even after
        // taking another flow since (unless the flow file allows repeats). An interview in progress is resumed.
        if (current?.State.Status != InterviewStatus.InProgress && !flows[flowId].Definition.Repeat
            && await context.Interviews.LatestEndedAsync(context.Channel.Name, chat, flowId, cancellationToken) is { } ended)
        {
            calls.Add(Send(chat, ended.State.Status == InterviewStatus.Expired ? _replies.InterviewExpired : EngineMessages.Korean.AlreadyFinished));
            return;
        }
        // Resuming an interview in progress uses no invitation; starting one claims it (once, for a single-use link).
        if (invitation is not null && current?.State.Status != InterviewStatus.InProgress
            && !await new InvitationStore(context.Database!).ClaimAsync(invitation.Id, chat, context.Now, cancellationToken))
        {
            calls.Add(Send(chat, _replies.LinkUsed));
            return;
        }
        var turn = await context.Interviews.StartOrResumeAsync(context.Channel.Name, chat, flowId, source, typedChoices: context.Channel.TypedChoices, cancellationToken);
        // One interview at a time: /start for another flow resumes the one in progress, and says why.
        if (turn.Resumed) calls.Add(Send(chat, turn.Interview?.Record.FlowId == flowId ? _replies.Resumed : _replies.OtherSurveyInProgress));
        AddCard(calls, context, chat, turn);
    }

    private static async Task<InvitationRecord?> FindInvitationAsync(string token, HandlingContext context, CancellationToken cancellationToken)
    {
        if (context.Database is null || token.Length > 64 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return null;
        return await new InvitationStore(context.Database).FindAsync(token, cancellationToken);
    }

    /// <summary>A reminder's resume button: the interview in progress continues where it stopped.</summary>
    private async Task OnResumeAsync(long chat, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var current = await context.Interviews.CurrentAsync(context.Channel.Name, chat, cancellationToken);
        if (current is null || current.State.Status != InterviewStatus.InProgress)
        {
            calls.Add(Send(chat, _replies.NothingToResume));
            return;
        }
        var turn = await context.Interviews.StartOrResumeAsync(context.Channel.Name, chat, current.Record.FlowId, null, typedChoices: context.Channel.TypedChoices, cancellationToken);
        calls.Add(Send(chat, _replies.Resumed));
        AddCard(calls, context, chat, turn);
    }

    private async Task OnInputAsync(long chat, InterviewInput input, ConversationInput? query, HandlingContext context, List<StagedCall> calls, CancellationToken cancellationToken)
    {
        var turn = await context.Interviews.HandleAsync(context.Channel.Name, chat, input, typedChoices: context.Channel.TypedChoices, cancellationToken);
        if (turn is null)
        {
            calls.Add(query is null ? Send(chat, _replies.StartFirst) : Acknowledge(chat, query.PressId!, _replies.StartFirst));
            return;
        }
        var outcome = turn.Outcome;
        if (turn.Interview?.State.Status == InterviewStatus.Expired)
        {
            // Idle past the flow's expire_after: the interview is closed and takes no more answers.
            calls.Add(query is null ? Send(chat, _replies.InterviewExpired) : Acknowledge(chat, query.PressId!, _replies.InterviewExpired));
            return;
        }
        if (query is not null) calls.Add(Acknowledge(chat, query.PressId!, outcome.Accepted ? null : outcome.Notice));
        if (!outcome.Accepted)
        {
            // A refused press only gets the short notice on the button; a refused message gets the
            // notice and the question again, so the buttons to use are right below it.
            if (query is null)
                calls.Add(turn.Current.IsFinal || outcome.Notice is null
                    ? Send(chat, outcome.Notice ?? _replies.StartFirst)
                    : Send(chat, turn.Current with { Text = "※ " + outcome.Notice + "\n\n" + CardText(context, turn, turn.Current) }));
            else if (outcome.Notice == EngineMessages.Korean.StaleButton && query.Pressed is { } stale && !turn.Current.IsFinal
                     && turn.Interview?.State.Status == InterviewStatus.InProgress)
            {
                // The card pressed shows an earlier question (one scrolled back to, or a card sent again after a
                // restart that Telegram had already delivered): it becomes the current question, so the question to
                // answer is where the respondent is looking.
                calls.Add(Edit(chat, stale.MessageId, turn.Current, CardText(context, turn, turn.Current)));
            }
            return;
        }
        if (query?.Pressed is { } pressed && turn.Previous is { } previous && PlanOf(turn) is { } plan && plan.TryGetStep(previous.StepId, out var left))
        {
            var state = turn.Interview!.State;
            if (outcome.Notice is null && (input.Kind == InputKind.Back || IsBackPress(input) || (!QuestionCard.StartsNewCard(plan, left, turn.Current) && PictureOf(turn.Current) is null)))
            {
                // The card the respondent pressed becomes the next item, pick or question: one call per answer.
                calls.Add(Edit(chat, pressed.MessageId, turn.Current, QuestionCard.Text(plan, state, turn.Current)));
                return;
            }
            // A new card follows; this one keeps the record of what was answered on it, with no buttons left.
            // A typed answer finished with its button (an open text's 완료) keeps the message as the respondent last saw it.
            var closed = previous.ExpectsText ? pressed.Text ?? previous.Text : QuestionCard.Closed(plan, state, left, previous);
            calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Edit, MessageId = pressed.MessageId, Text = closed }));
        }
        if (outcome.Notice is { } notice && !turn.Current.IsFinal && turn.Current.StepId == turn.Previous?.StepId)
        {
            // An open answer continued: confirm it and offer the buttons to finish.
            calls.Add(Send(chat, turn.Current with { Text = notice }));
            return;
        }
        if (outcome.Notice is { } shown) calls.Add(Send(chat, shown));
        AddCard(calls, context, chat, turn);
    }

    private static bool IsBackPress(InterviewInput input) =>
        input.Kind == InputKind.Button && CallbackData.TryParse(input.Text, out _, out var value) && value == CallbackData.Back;

    /// <summary>The flow version the turn's interview runs on (the card's record reads its questions); null without one.</summary>
    private FlowPlan? PlanOf(InterviewTurn turn) =>
        turn.Interview is { } loaded && flows.TryGet(loaded.Record.FlowId, loaded.Record.FlowVersion, out var flow) ? flow.Plan : null;

    /// <summary>A card keeps one line per question answered on it; a channel without cards shows the prompt alone.</summary>
    private string CardText(HandlingContext context, InterviewTurn turn, Prompt prompt) =>
        context.Channel.Cards && PlanOf(turn) is { } plan ? QuestionCard.Text(plan, turn.Interview!.State, prompt) : prompt.Text;

    /// <summary>
    /// The turn's current prompt as a new card (with the record of its section's answers so far), after the question's
    /// picture when it has one: the picture carries the question as its caption when it fits, and the card the rest.
    /// </summary>
    private void AddCard(List<StagedCall> calls, HandlingContext context, long chat, InterviewTurn turn)
    {
        var prompt = turn.Current;
        // A channel without cards (the terminal) names the picture's file, there or not, before the whole question.
        if (!context.Channel.Cards && prompt.Image is { } named)
            calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Photo, FilePath = named }));
        else if (PictureOf(prompt) is { } picture)
        {
            calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Photo, FilePath = picture, Text = prompt.ImageCaption }));
            if (prompt.TextBesideImage is { } rest) prompt = prompt with { Text = rest };
        }
        calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Send, Text = CardText(context, turn, prompt), Buttons = Keyboard(prompt) }));
    }

    /// <summary>The prompt's picture when its file is there; a missing one leaves the text alone (validate warns of it).</summary>
    private static string? PictureOf(Prompt prompt) => prompt.Image is { } path && File.Exists(path) ? Path.GetFullPath(path) : null;

    /// <summary>The chat's contact, seen now; null for a channel that keeps no contacts (its ids are not Telegram chats).</summary>
    private static ContactRecord? Seen(HandlingContext context, long chat, bool reactivate) =>
        context.Channel.KeepsTraffic ? context.Contacts.Seen(context.KnownContacts, chat, context.Now, reactivate) : null;

    private static string? CommandOf(string? text)
    {
        if (text is null || !text.StartsWith('/')) return null;
        var end = text.IndexOfAny([' ', '\n', '@']);
        return (end < 0 ? text : text[..end]).ToLowerInvariant();
    }

    private static List<string> ArgumentsOf(string text) =>
        ArgumentOf(text)?.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

    private static string? ArgumentOf(string text)
    {
        var space = text.IndexOf(' ');
        var argument = space < 0 ? "" : text[(space + 1)..].Trim();
        return argument.Length == 0 ? null : argument;
    }

    /// <summary>
    /// A group, supergroup or channel: the survey is private, and answering every message there would spend
    /// the group's 20 messages a minute on refusals. The bot says so once and leaves; the chat is kept as a
    /// contact marked <see cref="ContactRecord.Left"/>, so messages still queued from it get no reply and no
    /// broadcast ever goes there.
    /// </summary>
    private static void LeaveGroup(long chat, HandlingContext context, List<StagedCall> calls, bool added)
    {
        if (Seen(context, chat, reactivate: false) is not { } contact || (contact.State == ContactRecord.Left && !added)) return;
        contact.State = ContactRecord.Left;
        calls.Add(Send(chat, ConversationReplies.Korean.PrivateOnly));
        calls.Add(new StagedCall(chat, new OutboxCall { Kind = OutboxCallKind.Leave }));
    }

    private static StagedCall Send(long chat, string text) => new(chat, new OutboxCall { Kind = OutboxCallKind.Send, Text = text });

    private static StagedCall Send(long chat, Prompt prompt) =>
        new(chat, new OutboxCall { Kind = OutboxCallKind.Send, Text = prompt.Text, Buttons = Keyboard(prompt) });

    private static StagedCall Edit(long chat, int messageId, Prompt prompt, string text) =>
        new(chat, new OutboxCall { Kind = OutboxCallKind.Edit, MessageId = messageId, Text = text, Buttons = Keyboard(prompt) });

    private static StagedCall Report(long chat, OutboxReport report) =>
        new(chat, new OutboxCall { Kind = OutboxCallKind.Report, Report = report });

    private static StagedCall Acknowledge(long chat, string queryId, string? notice) =>
        new(chat, new OutboxCall { Kind = OutboxCallKind.AnswerCallback, CallbackQueryId = queryId, Text = notice });

    private static IReadOnlyList<IReadOnlyList<OutboxButton>>? Keyboard(Prompt prompt) =>
        prompt.Buttons.Count == 0 ? null : prompt.Buttons.Select(row => (IReadOnlyList<OutboxButton>)row.Select(b => new OutboxButton(b.Label, b.Data)).ToList()).ToList();
}

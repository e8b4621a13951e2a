using System.Diagnostics;
using System.Globalization;

namespace SurveyBot.FakeBotApi.Respondents;

/// <summary>
/// A synthetic respondent who takes a SurveyBot interview in a chat of the loopback server, the way a
/// person would: it reads the bot's newest message, presses one of its buttons or types an answer,
/// and waits for the bot to react. It keeps every input it sent, in order, so a test can replay them
/// through the engine and compare with what was stored; and the time from each input to the bot's
/// reaction, for latency figures. It stays eligible (no screen-outs) and finishes on the closing
/// message.
/// </summary>
public sealed class SimulatedRespondent(FakeBotApiServer server, long chatId, int seed, Func<BotMessage, bool> isClosing)
{
    private readonly Random _random = new(seed);
    private readonly List<RespondentInput> _sent = [];
    private readonly List<double> _latencies = [];
    private readonly List<double> _replyLatencies = [];
    private readonly HashSet<string> _typedSteps = [];

    public long ChatId => chatId;

    /// <summary>Every input sent, in order.</summary>
    public IReadOnlyList<RespondentInput> Sent => _sent;

    /// <summary>Milliseconds from each input to the bot's first visible reaction (a new or edited message).</summary>
    public IReadOnlyList<double> Latencies => _latencies;

    /// <summary>
    /// Milliseconds from each input to the bot's reply the respondent can act on: the next question (or the same
    /// one redrawn with its buttons, or the closing message). Never shorter than the first reaction.
    /// </summary>
    public IReadOnlyList<double> ReplyLatencies => _replyLatencies;

    /// <summary>Pause between reading a question and answering it.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>When longer than <see cref="ThinkTime"/>, each pause is drawn evenly between the two, as people differ from question to question.</summary>
    public TimeSpan MaxThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>When the latest input, still without its reply, was sent (a Stopwatch timestamp; 0: none is waiting).</summary>
    public long WaitingSince { get; private set; }

    /// <summary>How long to wait for a reaction before looking again (after a restart of the bot, say).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the whole interview may take.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What the person sends to begin: <c>/start</c>, or <c>/start expert</c> for another flow.</summary>
    public string StartText { get; init; } = "/start";

    /// <summary>
    /// Answers the person gives on purpose, consulted before the random choice: given the step and the message with
    /// its buttons, an input, or null to answer at random.
    /// </summary>
    public Func<string, BotMessage, RespondentInput?>? Answer { get; init; }

    /// <summary>The chance, before an answer, of going back one question with <c>/back</c> first (0: never).</summary>
    public double BackChance { get; init; }

    /// <summary>After this many inputs the person stops half-way, stays away for <see cref="PauseFor"/> and resumes with <c>/start</c> (0: never).</summary>
    public int PauseAfter { get; init; }

    /// <summary>How long a person who stops half-way stays away.</summary>
    public TimeSpan PauseFor { get; init; }

    /// <summary>
    /// Whether the bot's own buttons outside the questionnaire (a reminder's or a broadcast's, callback data starting
    /// with <c>!</c>) are passed over for the newest question, as a person who already has the question in front of them does.
    /// </summary>
    public bool IgnoreBotButtons { get; init; }

    /// <summary>Takes the interview until the closing message, or until <paramref name="cancellationToken"/> stops it (no exception then).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await InterviewAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task InterviewAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Send(RespondentInput.Text(StartText));
        long pendingSince = Stopwatch.GetTimestamp();
        WaitingSince = pendingSince;
        var seen = await ReactionAsync(0, 0, pendingSince);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Stopwatch.GetElapsedTime(started) > Deadline)
                throw new TimeoutException($"Chat {chatId} did not finish within {Deadline}. {server.DescribeChat(chatId)}");
            var last = IgnoreBotButtons ? Newest() : server.LastMessage(chatId);
            if (last is null || (last.Buttons.All(b => b.CallbackData is null) && !isClosing(last)))
            {
                seen = await ReactionAsync(seen.MessageId, seen.EditCount, 0);
                continue;
            }
            if (pendingSince != 0)
            {
                _replyLatencies.Add(Stopwatch.GetElapsedTime(pendingSince).TotalMilliseconds);
                pendingSince = 0;
                WaitingSince = 0;
            }
            if (isClosing(last)) return;
            if (PauseAfter > 0 && _sent.Count == PauseAfter)
            {
                // Stopped half-way: away for a while (reminders may come meanwhile), then back with /start.
                await Task.Delay(PauseFor, cancellationToken);
                Send(RespondentInput.Text(StartText));
                pendingSince = Stopwatch.GetTimestamp();
                seen = await ReactionAsync(seen.MessageId, seen.EditCount, pendingSince);
                continue;
            }
            var think = MaxThinkTime > ThinkTime ? ThinkTime + (MaxThinkTime - ThinkTime) * _random.NextDouble() : ThinkTime;
            if (think > TimeSpan.Zero) await Task.Delay(think, cancellationToken);
            if (BackChance > 0 && _sent.Count > 3 && _random.NextDouble() < BackChance)
            {
                Send(RespondentInput.Text("/back"));
                pendingSince = Stopwatch.GetTimestamp();
                seen = await ReactionAsync(last.MessageId, last.EditCount, pendingSince);
                continue;
            }
            var input = Choose(last);
            var sentAt = Stopwatch.GetTimestamp();
            Send(input with { MessageId = last.MessageId });
            pendingSince = sentAt;
            WaitingSince = sentAt;
            seen = await ReactionAsync(last.MessageId, last.EditCount, sentAt);
        }
    }

    /// <summary>The newest message, passing over those whose only buttons are the bot's own (a reminder, a broadcast).</summary>
    private BotMessage? Newest()
    {
        var messages = server.Messages(chatId);
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (!BotOnly(messages[i])) return messages[i];
        }
        return null;
    }

    /// <summary>Whether the message's only buttons are the bot's own (callback data starting with <c>!</c>: a reminder, a broadcast).</summary>
    private static bool BotOnly(BotMessage message)
    {
        var callbacks = message.Buttons.Where(b => b.CallbackData is not null).ToList();
        return callbacks.Count > 0 && callbacks.All(b => b.CallbackData!.StartsWith('!'));
    }

    private RespondentInput Choose(BotMessage message)
    {
        var buttons = message.Buttons.Where(b => b.CallbackData is not null).ToList();
        var step = buttons[0].CallbackData![..Math.Max(0, buttons[0].CallbackData!.IndexOf('|'))];
        if (Answer?.Invoke(step, message) is { } chosen) return chosen;
        string ValueOf(InlineButton b) => b.CallbackData![(b.CallbackData!.IndexOf('|') + 1)..];
        var options = buttons.Where(b => int.TryParse(ValueOf(b), out _)).ToList();
        if (options.Count > 0)
        {
            // The last of a very long list is "outside the area", which would end the interview.
            var pick = options[_random.Next(options.Count > 20 ? options.Count - 1 : options.Count)];
            return RespondentInput.Press(pick.CallbackData!);
        }
        if (buttons.FirstOrDefault(b => ValueOf(b) == "next") is { } next) return RespondentInput.Press(next.CallbackData!);
        if (buttons.FirstOrDefault(b => ValueOf(b) == "done") is { } done)
        {
            if (_typedSteps.Add(step)) return RespondentInput.Text("의견 " + _random.Next(1000).ToString(CultureInfo.InvariantCulture));
            return RespondentInput.Press(done.CallbackData!);
        }
        // Only a back button: the question wants typed text (an age, say).
        return RespondentInput.Text(_random.Next(20, 66).ToString(CultureInfo.InvariantCulture));
    }

    private void Send(RespondentInput input)
    {
        _sent.Add(input);
        if (input.CallbackData is { } data) server.PressButton(chatId, input.MessageId, data);
        else server.SendText(chatId, input.Typed!);
    }

    /// <summary>Waits until a message newer than <paramref name="messageId"/> appears or that message is edited; gives up after <see cref="Patience"/>.</summary>
    private async Task<(int MessageId, int EditCount)> ReactionAsync(int messageId, int editCount, long sentAt)
    {
        try
        {
            // A reminder arriving is no reaction to the answer, for someone who passes over the bot's own buttons:
            // taking it for one would have them answer the same question again and again.
            var changed = await server.WaitForMessageAsync(chatId, m => (m.MessageId > messageId && !(IgnoreBotButtons && BotOnly(m))) || (m.MessageId == messageId && m.EditCount > editCount), Patience);
            if (sentAt != 0) _latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            return (changed.MessageId, changed.EditCount);
        }
        catch (TimeoutException)
        {
            return (messageId, editCount);
        }
    }
}

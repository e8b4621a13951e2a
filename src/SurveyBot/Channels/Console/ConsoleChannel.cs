using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Storage;

namespace SurveyBot.Channels.Console;

/// <summary>
/// Runs an interview in a terminal: the same conversation, engine and storage as Telegram, with options typed as
/// numbers or labels. Each line is one input through <see cref="ConversationHandler"/>, committed in its own
/// transaction, so a killed process resumes at the same question; the replies it decides are printed.
/// </summary>
public sealed class ConsoleChannel(IDbContextFactory<SurveyDbContext> databases, FlowCatalog flows, ConversationHandler conversation, TimeProvider clock, TextReader input, TextWriter output)
{
    public const string ChannelName = ChannelNames.Console;

    public async Task RunAsync(string flowId, long respondentKey, CancellationToken cancellationToken)
    {
        // The terminal names its flow and source itself (no invitation link, no /start payload).
        var turn = await CommitAsync((context, _) => context.Interviews.StartOrResumeAsync(ChannelName, respondentKey, flowId, "console", typedChoices: true, cancellationToken), cancellationToken);
        if (turn.Resumed) await output.WriteLineAsync("진행 중이던 응답을 이어서 진행합니다.");
        await output.WriteAsync(ConsolePromptWriter.Render(turn.Current));
        var ended = turn.Current.IsFinal;

        while (!cancellationToken.IsCancellationRequested && !ended)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null) break;
            var typed = new ConversationInput { Kind = ConversationInputKind.Message, ChatId = respondentKey, Text = line.Trim() == "/back" ? "/back" : line };
            var (replies, inProgress) = await CommitAsync(async (context, db) =>
            {
                var calls = await conversation.HandleAsync(typed, context, cancellationToken);
                var current = await context.Interviews.CurrentAsync(ChannelName, respondentKey, cancellationToken);
                return (calls, current?.State.Status == InterviewStatus.InProgress);
            }, cancellationToken);
            ended = !inProgress;
            var shown = replies.Where(r => r.Call.Kind == OutboxCallKind.Send && r.Call.Text is not null).ToList();
            foreach (var picture in replies.Where(r => r.Call is { Kind: OutboxCallKind.Photo, FilePath: not null }))
                await output.WriteLineAsync(Environment.NewLine + ConsolePromptWriter.ImageLine(picture.Call.FilePath!));
            for (var i = 0; i < shown.Count; i++)
                await output.WriteAsync(Render(shown[i].Call, last: i == shown.Count - 1, ended));
        }
        await output.WriteLineAsync();
    }

    /// <summary>A reply as terminal text: a notice on its own line, a question with its options and, last, the prompt to type.</summary>
    private static string Render(OutboxCall call, bool last, bool ended)
    {
        var buttons = (call.Buttons ?? []).Select(row => (IReadOnlyList<PromptButton>)row.Select(b => new PromptButton(b.Text, b.Data)).ToList()).ToList();
        if (buttons.Count == 0 && !last) return "※ " + call.Text + Environment.NewLine;
        return ConsolePromptWriter.Render(new Prompt("", call.Text!, buttons) { IsFinal = ended || !last }) + (last ? "" : Environment.NewLine);
    }

    private async Task<T> CommitAsync<T>(Func<HandlingContext, SurveyDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var contacts = new ContactStore(db);
        var context = new HandlingContext(new InterviewService(new InterviewStore(db), flows, clock), contacts, [], clock.GetUtcNow().UtcDateTime)
        {
            Eraser = new RespondentEraser(db),
            Database = db,
            Channel = ConversationChannel.Console,
        };
        var result = await work(context, db);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

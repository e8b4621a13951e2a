using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Interviews;
using SurveyBot.Storage;

namespace SurveyBot.Channels.Console;

/// <summary>
/// Runs an interview in a terminal: the same engine and storage as Telegram, with options typed as
/// numbers or labels. Each line is one input committed in its own transaction, so a killed
/// process resumes at the same question.
/// </summary>
public sealed class ConsoleChannel(IDbContextFactory<SurveyDbContext> databases, FlowCatalog flows, TimeProvider clock, TextReader input, TextWriter output)
{
    public const string ChannelName = "console";

    public async Task RunAsync(string flowId, long respondentKey, CancellationToken cancellationToken)
    {
        var turn = await CommitAsync(service => service.StartOrResumeAsync(ChannelName, respondentKey, flowId, "console", typedChoices: true, cancellationToken), cancellationToken);
        if (turn!.Resumed) await output.WriteLineAsync("진행 중이던 응답을 이어서 진행합니다.");
        await output.WriteAsync(ConsolePromptWriter.Render(turn.Current));

        while (!cancellationToken.IsCancellationRequested && !turn.Current.IsFinal)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null) break;
            var message = line.Trim() == "/back" ? InterviewInput.Back() : InterviewInput.Typed(line);
            var next = await CommitAsync(service => service.HandleAsync(ChannelName, respondentKey, message, typedChoices: true, cancellationToken), cancellationToken);
            if (next is null)
            {
                await output.WriteLineAsync(EngineMessages.Korean.AlreadyFinished);
                break;
            }
            turn = next;
            if (turn.Outcome.Notice is { } notice) await output.WriteLineAsync("※ " + notice);
            if (turn.Outcome.Accepted && turn.Outcome.Notice is not null && !turn.Current.IsFinal)
                await output.WriteAsync("> ");
            else
                await output.WriteAsync(ConsolePromptWriter.Render(turn.Current));
        }
        await output.WriteLineAsync();
    }

    private async Task<T> CommitAsync<T>(Func<InterviewService, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var result = await work(new InterviewService(new InterviewStore(db), flows, clock));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Results.Outcomes;

/// <summary>
/// Where people stop: for every question in flow order, how many interviews reached it (answered its first
/// step or stand at one of its steps) and how many that stopped early (in progress or expired: partials and
/// break-offs) stand at it now; first the start, last the completed interviews. Two grouped queries.
/// </summary>
public sealed class DropoutFunnel(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    public const string StartCode = "start";
    public const string CompletedCode = "completed";

    public async Task<IReadOnlyList<DropoutStage>> ComputeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var respondents = db.Respondents.AsNoTracking().Where(r => r.FlowId == flow.Id);
        var byStep = await respondents.GroupBy(r => new { r.Status, r.CurrentStep }).Select(g => new { g.Key.Status, g.Key.CurrentStep, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answered = await (from a in db.Answers
                              join r in respondents on a.RespondentId equals r.Id
                              group a by a.Code into g
                              select new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);

        var plan = new FlowPlan(flow);
        var open = new[] { InterviewStatus.InProgress.ToContract(), InterviewStatus.Expired.ToContract() };
        var stopped = byStep.Where(s => open.Contains(s.Status) && s.CurrentStep is not null)
            .GroupBy(s => plan.TryGetStep(s.CurrentStep!, out var step) ? step.Node.Code : s.CurrentStep!)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Count), StringComparer.Ordinal);
        var standing = byStep.Where(s => s.CurrentStep is not null).GroupBy(s => s.CurrentStep!).ToDictionary(g => g.Key, g => g.Sum(s => s.Count), StringComparer.Ordinal);

        var stages = new List<DropoutStage> { new(StartCode, "시작", byStep.Sum(s => s.Count), 0) };
        foreach (var node in flow.Questions)
        {
            var steps = plan.Steps.Where(s => s.Node == node && s.Number > 0 && s.Column is not null).ToList();
            if (steps.Count == 0) continue;
            var reached = answered.GetValueOrDefault(steps[0].Column!) + standing.GetValueOrDefault(steps[0].Id);
            stages.Add(new DropoutStage(node.Code, FirstLine(node.Text), reached, stopped.GetValueOrDefault(node.Code)));
        }
        stages.Add(new DropoutStage(CompletedCode, "완료", byStep.Where(s => s.Status == InterviewStatus.Completed.ToContract()).Sum(s => s.Count), 0));
        return stages;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

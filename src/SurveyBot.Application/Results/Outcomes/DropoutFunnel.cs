using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Results.Outcomes;

/// <summary>
/// Where people stop: for every question in flow order, how many interviews reached it (answered its first
/// step, or stand at it or at an info screen before it) and how many that stopped early (in progress or
/// expired: partials and break-offs) stand at it now; first the start, last the completed interviews. Two
/// grouped queries.
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
        var standing = byStep.Where(s => open.Contains(s.Status) && s.CurrentStep is not null)
            .GroupBy(s => s.CurrentStep!).ToDictionary(g => g.Key, g => g.Sum(s => s.Count), StringComparer.Ordinal);
        var stops = new Dictionary<string, int>(StringComparer.Ordinal);
        var arriving = new Dictionary<string, int>(StringComparer.Ordinal);
        Step? question = null;
        // Walking backwards, each step belongs to its own question, or (an info screen) to the question it leads to.
        foreach (var step in plan.Steps.Reverse())
        {
            var own = step.Number > 0 && step.Column is not null;
            if (own && FirstQuestionStep(plan, step.Node) == step) question = step;
            // A step storing a column (a follow-up, a recode too) is its own question's stage.
            var stage = step.Column is not null ? step.Node.Code : question?.Node.Code;
            if (stage is null || !standing.TryGetValue(step.Id, out var here)) continue;
            stops[stage] = stops.GetValueOrDefault(stage) + here;
            // Standing at the question's first step, or at a screen before it, reaches it without having answered it.
            if (!own || FirstQuestionStep(plan, step.Node) == step) arriving[stage] = arriving.GetValueOrDefault(stage) + here;
        }

        var stages = new List<DropoutStage> { new(StartCode, "시작", byStep.Sum(s => s.Count), 0) };
        foreach (var node in flow.Questions)
        {
            if (FirstQuestionStep(plan, node) is not { } first) continue;
            stages.Add(new DropoutStage(node.Code, FirstLine(node.Text), answered.GetValueOrDefault(first.Column!) + arriving.GetValueOrDefault(node.Code), stops.GetValueOrDefault(node.Code)));
        }
        stages.Add(new DropoutStage(CompletedCode, "완료", byStep.Where(s => s.Status == InterviewStatus.Completed.ToContract()).Sum(s => s.Count), 0));
        return stages;
    }

    private static Step? FirstQuestionStep(FlowPlan plan, QuestionNode node) =>
        plan.Steps.FirstOrDefault(s => s.Node == node && s.Number > 0 && s.Column is not null);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

namespace SurveyBot.Operations;

/// <summary>One line of a health report: what was checked, whether it is fine, and what an operator should read.</summary>
public sealed record HealthLine(string Area, bool Healthy, string Text)
{
    public override string ToString() => $"{(Healthy ? "ok  " : "FAIL")} {Area}: {Text}";
}

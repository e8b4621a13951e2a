namespace SurveyBot.Engine.Runtime;

/// <summary>The data contract's spelling of each <see cref="InterviewStatus"/>.</summary>
public static class InterviewStatusNames
{
    public static string ToContract(this InterviewStatus status) => status switch
    {
        InterviewStatus.InProgress => "in_progress",
        InterviewStatus.Completed => "completed",
        InterviewStatus.ScreenedOut => "screened_out",
        InterviewStatus.QuotaFull => "quota_full",
        InterviewStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static InterviewStatus FromContract(string text) => text switch
    {
        "in_progress" => InterviewStatus.InProgress,
        "completed" => InterviewStatus.Completed,
        "screened_out" => InterviewStatus.ScreenedOut,
        "quota_full" => InterviewStatus.QuotaFull,
        "expired" => InterviewStatus.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown interview status"),
    };
}

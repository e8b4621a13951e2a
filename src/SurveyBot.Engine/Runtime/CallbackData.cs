namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Callback data is <c>STEP|VALUE</c>: the step it answers and the value. It comes back from the
/// client and is never trusted: the engine checks both parts against the current step.
/// </summary>
public static class CallbackData
{
    public const char Separator = '|';
    public const string Next = "next";
    public const string Done = "done";
    public const string Back = "back";

    public static string For(string stepId, string value) => stepId + Separator + value;

    public static bool TryParse(string data, out string stepId, out string value)
    {
        var at = data.IndexOf(Separator);
        stepId = at > 0 ? data[..at] : "";
        value = at > 0 ? data[(at + 1)..] : "";
        return at > 0 && value.Length > 0;
    }
}

namespace SurveyBot.Engine.Definition;

/// <summary>A problem found in a flow file, located by file, line and question code.</summary>
public sealed record FlowError(string File, int Line, string? Code, string Message)
{
    public override string ToString() => Code is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Code}: {Message}";
}

namespace SurveyBot.Configuration;

/// <summary>The <c>Survey</c> configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>The flow a plain /start (or the console) begins.</summary>
    public string DefaultFlow { get; set; } = "citizen";

    /// <summary>Folder of flow files; relative paths are tried from the working directory, then beside the program.</summary>
    public string FlowsPath { get; set; } = "flows";

    /// <summary>Fielding windows by flow id (<c>Survey:Fielding:citizen:Opens</c>, <c>Closes</c>, <c>GraceHours</c>); a flow not named here is always open.</summary>
    public Dictionary<string, FieldingWindow> Fielding { get; set; } = new(StringComparer.Ordinal);
}

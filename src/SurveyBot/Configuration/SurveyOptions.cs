namespace SurveyBot.Configuration;

/// <summary>The <c>Survey</c> configuration section.</summary>
public sealed class SurveyOptions
{
    public const string Section = "Survey";

    /// <summary>The flow a plain /start (or the console) begins.</summary>
    public string DefaultFlow { get; set; } = "citizen";

    /// <summary>Folder of flow files; relative paths are tried from the working directory, then beside the program.</summary>
    public string FlowsPath { get; set; } = "flows";
}

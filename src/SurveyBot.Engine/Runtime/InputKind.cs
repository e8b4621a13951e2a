namespace SurveyBot.Engine.Runtime;

/// <summary>How a respondent's input reached the engine.</summary>
public enum InputKind
{
    /// <summary>A typed message.</summary>
    Text,

    /// <summary>A button press, carrying its callback data.</summary>
    Button,

    /// <summary>The /back command.</summary>
    Back,
}

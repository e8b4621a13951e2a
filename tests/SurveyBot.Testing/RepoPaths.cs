namespace SurveyBot.Testing;

/// <summary>Paths of the repository's own files (flows, fixtures) as seen from the test output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Flows => Path.Combine(Root, "flows");

    public static string Flow(string id) => Path.Combine(Flows, id + ".yaml");

    /// <summary>Flows written for tests (kinds the shipped flows do not use).</summary>
    public static string TestFlows => Path.Combine(Root, "tests", "SurveyBot.Testing", "Fixtures", "flows");

    public static string Transcripts => Path.Combine(Root, "tests", "SurveyBot.Testing", "Fixtures", "transcripts");

    /// <summary>The Bot API call logs of golden transcripts played through Telegram.</summary>
    public static string CallLogs => Path.Combine(Root, "tests", "SurveyBot.Testing", "Fixtures", "calllogs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SurveyBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (SurveyBot.sln) not found above " + AppContext.BaseDirectory);
    }
}

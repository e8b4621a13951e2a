using SurveyBot.Configuration;
using SurveyBot.Flows;

namespace SurveyBot.Testing;

/// <summary>Catalogs of the shipped flows with a test's own changes, written to a temporary folder.</summary>
public static class TestFlows
{
    /// <summary>The shipped flows with the citizen flow's quota section replaced by <paramref name="quotas"/> (YAML).</summary>
    public static FlowCatalog WithCitizenQuotas(string quotas, IReadOnlyDictionary<string, FieldingWindow>? fielding = null) =>
        new(FolderWithCitizenQuotas(quotas), fielding);

    /// <summary>The shipped flows with the citizen flow's text changed by <paramref name="edit"/>.</summary>
    public static FlowCatalog WithCitizenText(Func<string, string> edit)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-flows-").FullName;
        File.Copy(RepoPaths.Flow("expert"), Path.Combine(folder, "expert.yaml"));
        var citizen = File.ReadAllText(RepoPaths.Flow("citizen"));
        var edited = edit(citizen);
        if (edited == citizen) throw new InvalidOperationException("the edit changed nothing in citizen.yaml");
        File.WriteAllText(Path.Combine(folder, "citizen.yaml"), edited);
        return new FlowCatalog(folder, null);
    }

    /// <summary>A flows folder (for <c>Survey:FlowsPath</c>) holding the shipped flows, the citizen flow with <paramref name="quotas"/>.</summary>
    public static string FolderWithCitizenQuotas(string quotas)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-flows-").FullName;
        File.Copy(RepoPaths.Flow("expert"), Path.Combine(folder, "expert.yaml"));
        var citizen = File.ReadAllText(RepoPaths.Flow("citizen"));
        const string shipped = """
            quotas:
              - code: AREA_SEX_AGE
                variables: [SQ1, SQ2, SQ4]
                target: 1000

            """;
        var start = citizen.IndexOf("quotas:\n", StringComparison.Ordinal);
        var end = citizen.IndexOf("questions:\n", start, StringComparison.Ordinal);
        if (start < 0 || !citizen[start..end].Contains("AREA_SEX_AGE")) throw new InvalidOperationException("citizen.yaml has no quota section to replace:\n" + shipped);
        File.WriteAllText(Path.Combine(folder, "citizen.yaml"), citizen[..start] + quotas.TrimEnd() + "\n" + citizen[end..]);
        return folder;
    }
}

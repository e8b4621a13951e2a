using SurveyBot.Engine.Definition;
using SurveyBot.Testing;

namespace SurveyBot.Engine.Tests.Definition;

public sealed class FlowCompatibilityTests
{
    [Fact]
    public void Removed_columns_and_removed_or_relabelled_option_codes_break_stored_data_reworded_texts_do_not()
    {
        var shipped = File.ReadAllText(RepoPaths.Flow("citizen"));
        var stored = FlowLoader.Load(shipped, "citizen.yaml");

        var reworded = FlowLoader.Load(shipped.Replace("SQ2) 귀하의 성별은 무엇입니까?", "SQ2) 성별을 골라 주십시오.", StringComparison.Ordinal), "citizen.yaml");
        Assert.Empty(FlowCompatibility.BreakingChanges(stored, reworded));

        var withoutOption = FlowLoader.Load(shipped.Replace("""      - {code: 2, label: "여성"}""" + "\n", "", StringComparison.Ordinal), "citizen.yaml");
        Assert.Equal(["SQ2: option code 2 ('여성') removed"], FlowCompatibility.BreakingChanges(stored, withoutOption));

        var withoutQuestion = stored with { Questions = stored.Questions.Where(q => q.Code != "DQ5").ToList() };
        Assert.Contains(FlowCompatibility.BreakingChanges(stored, withoutQuestion), p => p.StartsWith("DQ5: removed", StringComparison.Ordinal));
    }
}

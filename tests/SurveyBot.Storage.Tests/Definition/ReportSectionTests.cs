using SurveyBot.Engine.Definition;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Definition;

public sealed class ReportSectionTests
{
    private const string Flow = """
        spec: 1
        id: demo
        version: 1
        title: Demo
        report:
          breakdowns: [SEX, NOPE, AGE]
        questions:
          - code: SEX
            kind: single
            text: 성별
            options:
              - {code: 1, label: 남성}
              - {code: 2, label: 여성}
          - code: AGE
            kind: numeric
            text: 나이
            min: 0
            max: 120
        """;

    [Fact]
    public void The_citizen_flow_breaks_fieldwork_down_by_district_sex_and_age_bracket() =>
        Assert.Equal(["SQ1", "SQ2", "SQ4"], ShippedFlows.Citizen.Definition.Report.Breakdowns);

    [Fact]
    public void An_unknown_or_uncoded_breakdown_is_an_error_with_its_line()
    {
        var (flow, errors) = FlowLoader.Parse(Flow, "demo.yaml");
        Assert.Empty(errors);
        var problems = FlowValidator.Validate(flow!).Select(e => e.ToString()).ToList();
        Assert.Contains("demo.yaml:6: report: breakdown 'NOPE' is not a data column of this flow", problems);
        Assert.Contains(problems, p => p.Contains("breakdown 'AGE' must be a coded answer"));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void The_export_dictionary_describes_every_result_column_in_order_with_valid_unique_spss_names()
    {
        foreach (var flow in new[] { ShippedFlows.Citizen, ShippedFlows.Expert })
        {
            var variables = ExportDictionary.For(flow.Definition);
            Assert.Equal([.. ResultTable.MetadataColumns, .. flow.Definition.DataColumns, .. QualityFlags.Columns(flow.Definition)], variables.Select(v => v.Column));
            Assert.All(variables, v => Assert.Matches("^[A-Za-z][A-Za-z0-9_.@#$]{0,63}$", v.Name));
            Assert.Equal(variables.Count, variables.Select(v => v.Name.ToUpperInvariant()).Distinct().Count());
        }
        Assert.Equal(["V1abc", "ALLx", "Q10_order", "Q10_order_2x", "tail_x"], SpssNames.Assign(["1abc", "ALL", "Q10_order", "Q10_order", "tail_"]));
    }
}

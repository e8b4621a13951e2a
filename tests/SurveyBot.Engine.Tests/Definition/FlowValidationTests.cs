using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Engine.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Engine.Tests.Definition;

public sealed class FlowValidationTests
{
    [Theory]
    [InlineData("citizen")]
    [InlineData("expert")]
    public void Shipped_flows_are_valid(string id)
    {
        var (flow, errors) = FlowLoader.Parse(File.ReadAllText(RepoPaths.Flow(id)), id + ".yaml");
        Assert.Empty(errors);
        Assert.Empty(FlowValidator.Validate(flow!));
    }

    [Fact]
    public void The_citizen_flow_has_the_data_contract_columns_in_order()
    {
        var columns = ShippedFlows.Citizen.Flow.DataColumns;
        string[] expected =
        [
            "SQ1", "SQ2", "SQ3", "SQ4", .. Range("Q1", 8), .. Range("Q2", 6), "Q3", .. Range("Q4", 10), .. Range("Q5", 3),
            .. Range("Q6", 10), .. Range("Q7", 3), .. Range("Q8", 10), .. Range("Q9", 3), "Q10_1", "Q10_2", "Q10_order",
            .. Range("Q11", 7), "Q12", "Q13", .. Range("Q14", 3), "DQ5", "DQ5_other",
        ];
        Assert.Equal(expected, columns);
        Assert.Equal(["E1", "E1_1", "E2", "E2_1", "E3", "E4_1", "E4_2", "E4_3", "E5_1", "E5_2", "E6"], ShippedFlows.Expert.Flow.DataColumns);
    }

    [Fact]
    public void Errors_name_the_file_the_line_and_the_question_code()
    {
        const string yaml = """
            spec: 1
            id: broken
            version: 1
            title: Broken
            questions:
              - code: A
                kind: single
                text: 첫 질문
                options:
                  - {code: 1, label: 예}
                  - {code: 1, label: 아니오}
              - code: B
                kind: numeric
                text: 나이
                min: 0
                max: 120
                screen_out_if: C < 15
              - code: A
                kind: info
                text: 중복
              - code: D
                kind: rank
                text: 순위
                picks: 3
                options:
                  - {code: 1, label: 하나, score_from: NOPE}
            """;
        var (flow, parseErrors) = FlowLoader.Parse(yaml, "flows/broken.yaml");
        Assert.Empty(parseErrors);
        var errors = FlowValidator.Validate(flow!).Select(e => e.ToString()).ToList();

        Assert.Contains("flows/broken.yaml:11: A: duplicate option code 1", errors);
        Assert.Contains("flows/broken.yaml:12: B: screen_out_if refers to 'C', which is not stored before this point", errors);
        Assert.Contains("flows/broken.yaml:18: A: duplicate question code", errors);
        Assert.Contains("flows/broken.yaml:26: D: score_from 'NOPE' is not a matrix item asked earlier", errors);
        Assert.Contains("flows/broken.yaml:21: D: picks must be between 1 and the number of options (1)", errors);
    }

    [Fact]
    public void A_label_too_long_for_a_button_and_a_syntax_error_in_a_condition_are_reported()
    {
        var longLabel = new string('가', 65);
        var yaml = $$"""
            spec: 1
            id: long
            version: 1
            title: Long
            questions:
              - code: A
                kind: single
                text: 질문
                show_if: A = = 1
                options:
                  - {code: 1, label: {{longLabel}}}
            """;
        var (_, parseErrors) = FlowLoader.Parse(yaml, "long.yaml");
        Assert.Contains(parseErrors, e => e.Line == 9 && e.Code == "A" && e.Message.StartsWith("show_if: expected a number"));

        var (flow, _) = FlowLoader.Parse(yaml.Replace("show_if: A = = 1", "note: 참고"), "long.yaml");
        Assert.Contains(FlowValidator.Validate(flow!), e => e.Line == 11 && e.Message.Contains("a button holds at most 64"));
    }

    [Fact]
    public void Yaml_syntax_errors_and_unknown_kinds_are_located()
    {
        var (flow, errors) = FlowLoader.Parse("spec: 1\nid: x\nquestions:\n  - code: A\n    kind: slider\n    text: t\n", "x.yaml");
        Assert.Null(flow);
        Assert.Contains(errors, e => e.Line == 5 && e.Code == "A" && e.Message.Contains("unknown kind 'slider'"));
        Assert.Contains(errors, e => e.Message == "missing 'version'");

        var (_, syntax) = FlowLoader.Parse("spec: 1\nid: [unclosed\n", "y.yaml");
        Assert.Single(syntax);
        Assert.StartsWith("YAML syntax", syntax[0].Message);
    }

    [Fact]
    public void The_graph_draws_the_screen_outs_with_their_conditions()
    {
        var mermaid = FlowGraph.Mermaid(ShippedFlows.Citizen);
        Assert.Contains("SQ1 --> (screened_out) : Answer [SQ1 = 26]", mermaid.Replace("\"", ""));
        Assert.Contains("SQ3 < 15 or SQ3 >= 70", mermaid);
        var dot = FlowGraph.Dot(ShippedFlows.Citizen);
        Assert.Contains("digraph", dot);
    }

    [Fact]
    public void The_graph_draws_the_quota_end_where_the_age_recode_settles_the_cell()
    {
        var mermaid = FlowGraph.Mermaid(ShippedFlows.Citizen);
        var quotaEdges = mermaid.Split('\n').Where(l => l.Contains("(quota_full)", StringComparison.Ordinal) && l.Contains("-->", StringComparison.Ordinal)).ToList();
        Assert.Single(quotaEdges);
        Assert.Contains("quota AREA_SEX_AGE full", quotaEdges[0]);
    }

    private static IEnumerable<string> Range(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}_{i}");
}

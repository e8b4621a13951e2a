using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Tests.Support;

namespace SurveyBot.Engine.Tests.Definition;

public sealed class QuotaSectionTests
{
    [Fact]
    public void The_citizen_flow_declares_district_by_gender_by_age_bracket_with_its_own_closing_text()
    {
        var flow = ShippedFlows.Citizen.Flow;
        var quota = Assert.Single(flow.Quotas);
        Assert.Equal(["SQ1", "SQ2", "SQ4"], quota.Variables);
        Assert.True(quota.Target >= 100, "the shipped default target must stay generous so no test fills a cell");
        Assert.Contains("마감", flow.Messages.QuotaFull);
    }

    [Fact]
    public void Quota_errors_name_the_file_the_line_and_the_quota_code()
    {
        const string yaml = """
            spec: 1
            id: quotas
            version: 1
            title: Quotas
            quotas:
              - code: AREA
                variables: [SQ1, NOPE]
                target: 10
              - code: TYPO
                variables: [SQ1]
                target: 10
                cells:
                  - {values: [7], target: 3}
              - code: TEXT
                variables: [OPEN]
                target: 10
                cells:
                  - {values: [1, 2], target: 3}
            questions:
              - code: SQ1
                kind: single
                text: 지역
                options:
                  - {code: 1, label: 종로구}
              - code: OPEN
                kind: open
                text: 의견
            """;
        var (flow, parseErrors) = FlowLoader.Parse(yaml, "flows/quotas.yaml");
        Assert.Empty(parseErrors);
        var errors = FlowValidator.Validate(flow!).Select(e => e.ToString()).ToList();

        Assert.Contains("flows/quotas.yaml:6: AREA: quota variable 'NOPE' is not a data column of this flow", errors);
        Assert.Contains("flows/quotas.yaml:14: TEXT: quota variable 'OPEN' must be a coded answer (single, numeric, recode, scale or matrix item)", errors);
        Assert.Contains("flows/quotas.yaml:18: TEXT: a cell needs 1 values, one per variable (OPEN)", errors);
        Assert.Contains("flows/quotas.yaml:13: TYPO: cell value 7 is not a code of SQ1 (1)", errors);
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void A_quota_without_a_target_is_a_load_error_with_its_line()
    {
        const string yaml = """
            spec: 1
            id: quotas
            version: 1
            title: Quotas
            quotas:
              - code: AREA
                variables: [SQ1]
            questions:
              - code: SQ1
                kind: single
                text: 지역
                options:
                  - {code: 1, label: 종로구}
            """;
        var (_, errors) = FlowLoader.Parse(yaml, "flows/quotas.yaml");
        Assert.Equal(["flows/quotas.yaml:6: AREA: missing 'target'"], errors.Select(e => e.ToString()));
    }
}

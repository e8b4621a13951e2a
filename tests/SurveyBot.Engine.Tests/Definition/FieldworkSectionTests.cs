using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Engine.Tests.Definition;

public sealed class FieldworkSectionTests
{
    private static string Flow(string fieldwork) => $"""
        spec: 1
        id: demo
        version: 1
        title: Demo
        {fieldwork}
        questions:
          - code: AGE
            kind: numeric
            text: 나이
            min: 0
            max: 120
        """;

    [Fact]
    public void The_citizen_flow_reminds_after_a_day_twice_and_expires_after_a_week()
    {
        var fieldwork = ShippedFlows.Citizen.Flow.Fieldwork;
        Assert.Equal(new FieldworkSpec(TimeSpan.FromHours(24), 2, TimeSpan.FromDays(7)), fieldwork with { Line = 0 });
    }

    [Theory]
    [InlineData("fieldwork: {remind_after: 30m, max_reminders: 3, expire_after: 2d}", 30.0, 3, 2880.0)]
    [InlineData("fieldwork: {remind_after: 12h}", 720.0, 1, null)]
    [InlineData("fieldwork: {expire_after: 14d}", null, 0, 20160.0)]
    public void Periods_are_read_in_minutes_hours_or_days(string section, double? remindMinutes, int maxReminders, double? expireMinutes)
    {
        var (flow, errors) = FlowLoader.Parse(Flow(section), "demo.yaml");
        Assert.Empty(errors);
        Assert.Equal(remindMinutes, flow!.Fieldwork.RemindAfter?.TotalMinutes);
        Assert.Equal(maxReminders, flow.Fieldwork.MaxReminders);
        Assert.Equal(expireMinutes, flow.Fieldwork.ExpireAfter?.TotalMinutes);
    }

    [Fact]
    public void Partial_threshold_eligibility_and_quality_thresholds_have_defaults_and_can_be_set()
    {
        var (plain, plainErrors) = FlowLoader.Parse(Flow(""), "demo.yaml");
        Assert.Empty(plainErrors);
        Assert.Equal((0.5, (double?)null, 0.3, 5), (plain!.Fieldwork.PartialAfter, plain.Fieldwork.Eligibility, plain.Quality.SpeederShare, plain.Quality.StraightlineMinItems));

        var (set, errors) = FlowLoader.Parse(Flow("fieldwork: {partial_after: 0.8, eligibility: 0.9}\nquality: {speeder_share: 0.4, straightline_min_items: 8}"), "demo.yaml");
        Assert.Empty(errors);
        Assert.Equal((0.8, (double?)0.9, 0.4, 8), (set!.Fieldwork.PartialAfter, set.Fieldwork.Eligibility, set.Quality.SpeederShare, set.Quality.StraightlineMinItems));
    }

    [Theory]
    [InlineData("fieldwork: {remind_after: 24}", "fieldwork: remind_after must be a positive whole number with m, h or d")]
    [InlineData("fieldwork: {remind_after: 0h}", "fieldwork: remind_after must be a positive whole number with m, h or d")]
    [InlineData("fieldwork: {expire_after: 1w}", "fieldwork: expire_after must be a positive whole number with m, h or d")]
    [InlineData("fieldwork: {remind_after: 2d, expire_after: 1d}", "fieldwork: expire_after must be longer than remind_after")]
    [InlineData("fieldwork: {remind_after: 1d, max_reminders: -1}", "fieldwork: max_reminders must not be negative")]
    [InlineData("fieldwork: {remind_after: 1d, nag: true}", "fieldwork: unknown key 'nag'")]
    [InlineData("fieldwork: 24h", "fieldwork must be a mapping")]
    [InlineData("fieldwork: {partial_after: 0}", "fieldwork: partial_after must be a share above 0 up to 1")]
    [InlineData("fieldwork: {partial_after: 50%}", "fieldwork: partial_after must be a share above 0 up to 1")]
    [InlineData("fieldwork: {eligibility: 1.5}", "fieldwork: eligibility must be a share from 0 up to 1")]
    [InlineData("quality: {speeder_share: 2}", "quality: speeder_share must be a share above 0 up to 1")]
    [InlineData("quality: {straightline_min_items: 1}", "quality: straightline_min_items must be at least 2")]
    [InlineData("quality: {flatline: 5}", "quality: unknown key 'flatline'")]
    [InlineData("quality: 0.3", "quality must be a mapping")]
    public void A_bad_fieldwork_section_is_an_error_with_its_line(string section, string message)
    {
        var (flow, errors) = FlowLoader.Parse(Flow(section), "demo.yaml");
        Assert.Null(flow);
        Assert.Contains(errors, e => e.ToString().StartsWith("demo.yaml:5: ", StringComparison.Ordinal) && e.ToString().Contains(message, StringComparison.Ordinal));
    }
}

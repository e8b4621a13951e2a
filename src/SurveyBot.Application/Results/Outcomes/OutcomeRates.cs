namespace SurveyBot.Results.Outcomes;

/// <summary>
/// AAPOR's outcome rates (Standard Definitions, 10th edition, 2023) of a set of cases: response rates RR1-RR6,
/// cooperation rates COOP1-COOP4, refusal rates REF1-REF3 and contact rates CON1-CON3. A rate whose denominator
/// is zero is null. SurveyBot records no non-contact (2.2) or other (2.3) case, so NC and O are zero, and every
/// unknown-eligibility case is UO (there are no households): U stands for UH + UO.
/// </summary>
public sealed record OutcomeRates(int I, int P, int R, int NC, int O, int U, int NotEligible, double? EligibilityOverride = null)
{
    public static OutcomeRates Of(IEnumerable<FieldworkCase> cases, double? eligibility)
    {
        var counts = cases.GroupBy(c => c.Disposition.Group).ToDictionary(g => g.Key, g => g.Count());
        int Count(DispositionGroup group) => counts.GetValueOrDefault(group);
        return new OutcomeRates(Count(DispositionGroup.Complete), Count(DispositionGroup.Partial), Count(DispositionGroup.Refusal),
            Count(DispositionGroup.NonContact), Count(DispositionGroup.Other), Count(DispositionGroup.Unknown), Count(DispositionGroup.NotEligible), eligibility);
    }

    public int Cases => I + P + R + NC + O + U + NotEligible;

    /// <summary>
    /// e: the flow's <c>eligibility</c> when set, otherwise the share of eligible cases among those whose
    /// eligibility is known ((I+P+R+NC+O) / (I+P+R+NC+O+not eligible)); null when no case's eligibility is known.
    /// </summary>
    public double? E => EligibilityOverride ?? Ratio(I + P + R + NC + O, I + P + R + NC + O + NotEligible);

    public bool EstimatedE => EligibilityOverride is null;

    public double? RR1 => Ratio(I, I + P + R + NC + O + U);
    public double? RR2 => Ratio(I + P, I + P + R + NC + O + U);
    public double? RR3 => WithE(e => Ratio(I, I + P + R + NC + O + e * U));
    public double? RR4 => WithE(e => Ratio(I + P, I + P + R + NC + O + e * U));
    public double? RR5 => Ratio(I, I + P + R + NC + O);
    public double? RR6 => Ratio(I + P, I + P + R + NC + O);
    public double? COOP1 => Ratio(I, I + P + R + O);
    public double? COOP2 => Ratio(I + P, I + P + R + O);
    public double? COOP3 => Ratio(I, I + P + R);
    public double? COOP4 => Ratio(I + P, I + P + R);
    public double? REF1 => Ratio(R, I + P + R + NC + O + U);
    public double? REF2 => WithE(e => Ratio(R, I + P + R + NC + O + e * U));
    public double? REF3 => Ratio(R, I + P + R + NC + O);
    public double? CON1 => Ratio(I + P + R + O, I + P + R + O + NC + U);
    public double? CON2 => WithE(e => Ratio(I + P + R + O, I + P + R + O + NC + e * U));
    public double? CON3 => Ratio(I + P + R + O, I + P + R + O + NC);

    /// <summary>Every rate by its AAPOR name, in the order reports print them.</summary>
    public IReadOnlyList<(string Name, double? Value)> All =>
    [
        ("RR1", RR1), ("RR2", RR2), ("RR3", RR3), ("RR4", RR4), ("RR5", RR5), ("RR6", RR6),
        ("COOP1", COOP1), ("COOP2", COOP2), ("COOP3", COOP3), ("COOP4", COOP4),
        ("REF1", REF1), ("REF2", REF2), ("REF3", REF3),
        ("CON1", CON1), ("CON2", CON2), ("CON3", CON3),
    ];

    private double? WithE(Func<double, double?> rate) => U == 0 ? rate(0) : E is { } e ? rate(e) : null;

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}

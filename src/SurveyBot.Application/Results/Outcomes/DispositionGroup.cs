namespace SurveyBot.Results.Outcomes;

/// <summary>The groups of AAPOR's outcome-rate formulas that a final disposition code counts in.</summary>
public enum DispositionGroup
{
    /// <summary>I: complete interview (1.1).</summary>
    Complete,

    /// <summary>P: partial interview (1.2).</summary>
    Partial,

    /// <summary>R: refusal and break-off (2.1x).</summary>
    Refusal,

    /// <summary>NC: non-contact (2.2x).</summary>
    NonContact,

    /// <summary>O: other eligible non-interview (2.3x).</summary>
    Other,

    /// <summary>UH/UO: unknown eligibility, no interview (3.x).</summary>
    Unknown,

    /// <summary>Not eligible (4.x): out of every rate's denominator.</summary>
    NotEligible,
}

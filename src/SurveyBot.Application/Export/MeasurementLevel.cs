namespace SurveyBot.Export;

/// <summary>SPSS's measurement level of a variable, with the numbers its system files store (record 7/11).</summary>
public enum MeasurementLevel
{
    Nominal = 1,
    Ordinal = 2,
    Scale = 3,
}

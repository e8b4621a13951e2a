namespace SurveyBot.Export.Spss;

/// <summary>One variable record of a system file (a variable, or one segment of a very long string).</summary>
internal sealed record SavSegment(string ShortName, int Width)
{
    /// <summary>8-byte slots taken in each case: one for a number, width rounded up to 8 for a string.</summary>
    public int Slots => Width == 0 ? 1 : (Width + 7) / 8;
}

namespace SurveyBot.Export.Spss;

/// <summary>
/// How one export variable sits in a system file: its 8-byte short name, its width (0 = numeric) and,
/// for strings over 255 bytes, the segments SPSS splits it into (each with its own short name).
/// </summary>
internal sealed record SavVariable(ExportVariable Variable, int Width, IReadOnlyList<SavSegment> Segments)
{
    /// <summary>Bytes of string data per segment of a very long string.</summary>
    public const int SegmentBytes = 255;

    /// <summary>The largest string SPSS stores.</summary>
    public const int MaxWidth = 32767;

    public string ShortName => Segments[0].ShortName;

    public bool IsVeryLong => Segments.Count > 1;

    /// <summary>1-based position of the variable's first 8-byte slot, as value label records refer to it.</summary>
    public int DictionaryIndex { get; set; }

    public static int SegmentCount(int width) => width <= 255 ? 1 : (width + 251) / 252;

    public static int SegmentWidth(int width, int segment, int count) =>
        count == 1 ? width : segment < count - 1 ? 255 : width - (count - 1) * 252;
}

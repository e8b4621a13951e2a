using ScottPlot;

namespace SurveyBot.Results;

/// <summary>
/// Picks a font that has Korean glyphs: Nanum Gothic (Debian package <c>fonts-nanum</c>) when installed,
/// else whatever ScottPlot detects per text. Without any CJK font the chart still renders (with boxes).
/// </summary>
public static class ChartFonts
{
    public const string Nanum = "NanumGothic";

    private static readonly string[] NanumFiles =
    [
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/nanum/NanumGothic.ttf",
        "/usr/local/share/fonts/NanumGothic.ttf",
    ];

    private static readonly Lazy<bool> NanumAvailable = new(FindNanum);

    /// <summary>True when Nanum Gothic was found (system fonts or a known file).</summary>
    public static bool HasNanum => NanumAvailable.Value;

    public static void Apply(Plot plot)
    {
        if (HasNanum) plot.Font.Set(Nanum);
        else plot.Font.Automatic();
    }

    private static bool FindNanum()
    {
        try
        {
            if (Fonts.GetTypeface(Nanum, false, false)?.FamilyName == Nanum) return true;
            var file = NanumFiles.FirstOrDefault(File.Exists);
            if (file is null) return false;
            Fonts.AddFontFile(Nanum, file, false, false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}

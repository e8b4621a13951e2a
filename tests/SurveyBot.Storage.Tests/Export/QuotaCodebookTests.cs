using System.Text;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

/// <summary>The codebook's account of the citizen flow's quota (the section itself is read in the engine's tests).</summary>
public sealed class QuotaCodebookTests
{
    [Fact]
    public async Task The_codebook_describes_the_quota_and_how_it_ends_an_interview()
    {
        var flow = ShippedFlows.Citizen.Definition;
        using var buffer = new MemoryStream();
        await CodebookWriter.WriteAsync(flow, ExportDictionary.For(flow), buffer);
        var codebook = Encoding.UTF8.GetString(buffer.ToArray());

        Assert.Contains("## Quotas", codebook);
        Assert.Contains("- `AREA_SEX_AGE`: completed interviews per cell of `SQ1` × `SQ2` × `SQ4`, 1000 per cell; a respondent whose cell is full when it becomes known ends with status `quota_full`", codebook);
    }
}

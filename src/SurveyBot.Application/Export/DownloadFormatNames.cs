namespace SurveyBot.Export;

/// <summary>How a download format is named to an admin, in the reply that announces it and in the file's caption.</summary>
public static class DownloadFormatNames
{
    public static string Korean(DownloadFormat format) => format switch
    {
        DownloadFormat.Csv => "CSV",
        DownloadFormat.Xlsx => "XLSX",
        DownloadFormat.Spss => "SPSS",
        DownloadFormat.Cases => "사례 파일 (AAPOR 결과 코드)",
        DownloadFormat.Paradata => "패러데이터 (문항별 응답 시간)",
        _ => "코드북",
    };
}

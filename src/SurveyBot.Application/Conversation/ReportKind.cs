namespace SurveyBot.Conversation;

/// <summary>Which admin report an outbox row asks for; each is rendered from the database when the row is sent.</summary>
public enum ReportKind
{
    /// <summary>Result files of a flow (/export): CSV, XLSX, SPSS (.sav, .sps and the CSV it reads) or the codebook.</summary>
    Export,

    /// <summary>Fieldwork counts as text (/stats).</summary>
    Stats,

    /// <summary>A PNG chart of one question (/chart).</summary>
    Chart,
}

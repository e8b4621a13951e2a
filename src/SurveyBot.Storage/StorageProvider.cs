namespace SurveyBot.Storage;

/// <summary>The database engine SurveyBot stores into (<c>Storage__Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One file beside the bot: the embedded default for one process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several instances of the bot.</summary>
    Postgres,
}

using Microsoft.EntityFrameworkCore;

namespace SurveyBot.Storage;

/// <summary>
/// The few pieces of SQL that SQLite and PostgreSQL spell differently. Everything else SurveyBot writes by hand is
/// spelled to mean the same on both: identifiers double-quoted (PostgreSQL folds unquoted names to lower case, and the
/// columns are PascalCase), parameters named <c>@name</c> (the one prefix both drivers accept) and
/// <c>ON CONFLICT ... DO NOTHING</c> rather than SQLite's <c>INSERT OR IGNORE</c>.
/// </summary>
public static class SqlDialect
{
    public static bool IsPostgres(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
    }

    /// <summary>One code's value in a respondent's answer snapshot (a JSON object in TEXT): <paramref name="path"/> is SQL for <c>'$.CODE'</c> on SQLite, for <c>'CODE'</c> on PostgreSQL.</summary>
    public static string JsonValue(bool postgres, string column, string path) =>
        postgres ? $"(({column})::jsonb ->> {path})" : $"json_extract({column}, {path})";

    /// <summary>The path argument <see cref="JsonValue"/> takes for an answer code.</summary>
    public static string JsonPath(bool postgres, string code) => postgres ? code : "$." + code;

    /// <summary>The UTF-8 length in bytes of a text value (SQLite's length() counts characters of TEXT, bytes of a BLOB).</summary>
    public static string ByteLength(bool postgres, string expression) =>
        postgres ? $"octet_length({expression})" : $"length(CAST({expression} AS BLOB))";

    /// <summary>A JSON object of code → value over the answers of a group, as UTF-8 bytes.</summary>
    public static string PackedObject(bool postgres, string key, string value) =>
        postgres ? $"convert_to(json_object_agg({key}, {value})::text, 'UTF8')" : $"CAST(json_group_object({key}, {value}) AS BLOB)";

    /// <summary>
    /// A value bound to a hand-written statement. PostgreSQL's timestamptz columns take UTC only and Npgsql refuses a
    /// DateTime of another kind; SurveyBot's times are all UTC (SQLite hands them back unspecified), so they are said to be.
    /// </summary>
    public static object Bindable(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime { Kind: not DateTimeKind.Utc } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => value,
    };
}

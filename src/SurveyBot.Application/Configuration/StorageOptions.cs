using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using SurveyBot.Storage;

namespace SurveyBot.Configuration;

/// <summary>
/// Where SurveyBot stores: <c>Storage__Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) and
/// <c>ConnectionStrings__SurveyBot</c> for either (SQLite's default is <c>Data Source=data/surveybot.db</c>; PostgreSQL
/// has none). A connection string may hold a password: no message here ever repeats it.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string ProviderSetting = "Storage__Provider";
    public const string ConnectionStringSetting = "ConnectionStrings__SurveyBot";
    public const string DefaultSqliteConnectionString = "Data Source=data/surveybot.db";

    public string Provider { get; set; } = "sqlite";

    /// <summary>From <c>ConnectionStrings:SurveyBot</c>; null when not set.</summary>
    public string? ConnectionString { get; set; }

    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions { ConnectionString = configuration.GetConnectionString("SurveyBot") };
        if (configuration[$"{Section}:{nameof(Provider)}"] is { Length: > 0 } provider) options.Provider = provider;
        return options;
    }

    /// <summary>What the settings name, or the reasons they cannot work (each naming its setting).</summary>
    public (StorageProvider Provider, string ConnectionString, IReadOnlyList<string> Failures) Resolve()
    {
        var failures = new List<string>();
        StorageProvider? provider = Provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => StorageProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => StorageProvider.Postgres,
            _ => null,
        };
        if (provider is null)
        {
            failures.Add($"{ProviderSetting}={Provider} is not a storage provider (use sqlite or postgres)");
            return (StorageProvider.Sqlite, "", failures);
        }
        var connectionString = ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == StorageProvider.Postgres)
            {
                failures.Add($"{ConnectionStringSetting} must be set for {ProviderSetting}=postgres (e.g. Host=db;Database=surveybot;Username=surveybot;Password=...)");
                return (provider.Value, "", failures);
            }
            connectionString = DefaultSqliteConnectionString;
        }
        // The parser's message is left out: it may quote the string, password and all.
        try
        {
            if (provider == StorageProvider.Postgres)
            {
                var parsed = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(parsed.Host)) failures.Add($"{ConnectionStringSetting} names no Host (the PostgreSQL server) for {ProviderSetting}=postgres");
                else if (string.IsNullOrWhiteSpace(parsed.Database)) failures.Add($"{ConnectionStringSetting} names no Database for {ProviderSetting}=postgres");
            }
            else if (string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource))
            {
                failures.Add($"{ConnectionStringSetting} names no Data Source (the SQLite file) for {ProviderSetting}=sqlite");
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException)
        {
            var expected = provider == StorageProvider.Postgres
                ? "a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...)"
                : $"a SQLite connection string (Data Source=path/to/file.db; for a PostgreSQL server set {ProviderSetting}=postgres)";
            failures.Add($"{ConnectionStringSetting} is not {expected}");
        }
        return (provider.Value, connectionString, failures);
    }

    /// <summary>The provider and connection string, or an <see cref="OptionsValidationException"/> naming what is wrong.</summary>
    public (StorageProvider Provider, string ConnectionString) ResolveOrThrow()
    {
        var (provider, connectionString, failures) = Resolve();
        if (failures.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions), failures);
        return (provider, connectionString);
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SurveyBot.Storage;

/// <summary>
/// One SQL statement prepared once on a context's connection (and its current transaction) and run
/// for many rows with new values: the hot write paths (the inbox page, the outbox marks) run under
/// the writer gate, where EF Core's per-statement work would hold up every other writer.
/// </summary>
public sealed class PreparedCommand : IAsyncDisposable
{
    private readonly DbCommand _command;

    private PreparedCommand(DbCommand command) => _command = command;

    /// <summary>Prepares <paramref name="sql"/> with the named parameters, in the context's current transaction.</summary>
    public static PreparedCommand Create(DbContext db, string sql, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        // SQLite plans the statement once here. Npgsql would fix each parameter's type from a value not yet set; it
        // prepares the statement itself after a few runs instead (Max Auto Prepare, see SurveyDatabase).
        if (!SqlDialect.IsPostgres(db)) command.Prepare();
        return new PreparedCommand(command);
    }

    /// <summary>Runs the statement with <paramref name="values"/> in parameter order (null stores NULL); returns the rows changed.</summary>
    public Task<int> ExecuteAsync(CancellationToken cancellationToken, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = SqlDialect.Bindable(values[i]);
        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the statement with <paramref name="values"/> in parameter order; returns the first column of its first row, or null.</summary>
    public async Task<object?> ScalarAsync(CancellationToken cancellationToken, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = SqlDialect.Bindable(values[i]);
        var result = await _command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    /// <summary>Runs the statement with <paramref name="values"/> in parameter order; returns its rows, each made by <paramref name="read"/>.</summary>
    public async Task<List<T>> ReadAsync<T>(CancellationToken cancellationToken, Func<DbDataReader, T> read, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++) _command.Parameters[i].Value = SqlDialect.Bindable(values[i]);
        var rows = new List<T>();
        await using var reader = await _command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}

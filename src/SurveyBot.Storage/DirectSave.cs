using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SurveyBot.Storage;

/// <summary>
/// Commits what a context tracks with prepared SQL statements built from the EF Core model, in one
/// transaction under the writer gate. It does what SaveChanges would do for plain rows (inserts with a
/// database-generated id, updates of the changed columns, deletes; principals before dependents) at a
/// fraction of its cost: SaveChanges plans, batches and builds SQL text for every row of every commit,
/// and on the Telegram path that work (and its garbage) was the largest part of handling an answer,
/// done while every other writer waits. A unit of work holding anything this class does not cover
/// (<see cref="UnsupportedFeatures"/>, a temporary key that is not a database id) goes through SaveChanges instead.
/// </summary>
/// <remarks>
/// Entities are left detached afterwards (generated ids set on them): the context is done with once it
/// has committed. The SQL is the same on PostgreSQL: identifiers are quoted as the model names them, parameters are
/// <c>@p0</c>..., ids come back through <c>RETURNING</c> (both engines have it) and values are bound through the
/// model's converters, times as UTC (timestamptz takes nothing else).
/// </remarks>
public static class DirectSave
{
    /// <summary>Commits the context's changes; returns the number of rows written.</summary>
    public static async Task<int> SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = Pending(db);
        if (entries.Count == 0 || !entries.All(Supported))
            return await db.SaveChangesAsync(cancellationToken);
        await SingleWriterGate.HoldUntilSavedAsync(db, cancellationToken);
        try
        {
            var written = 0;
            // A quota check on PostgreSQL opened the transaction already (CrossProcessHold): this commit ends it.
            var held = CrossProcessHold.Holds(db);
            await using var transaction = held ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
            try
            {
                // Dependents' deletes first, then principals' inserts and updates before their dependents'.
                foreach (var entry in entries.Where(e => e.State == EntityState.Deleted).OrderByDescending(e => Depth(e.Metadata)))
                    written += await DeleteAsync(db, commands, entry, cancellationToken);
                foreach (var entry in entries.Where(e => e.State != EntityState.Deleted).OrderBy(e => Depth(e.Metadata)))
                    written += entry.State == EntityState.Added
                        ? await InsertAsync(db, commands, entry, cancellationToken)
                        : await UpdateAsync(db, commands, entry, cancellationToken);
            }
            finally
            {
                foreach (var command in commands.Values) await command.DisposeAsync();
            }
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            else await CrossProcessHold.CommitAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
            return written;
        }
        finally
        {
            CrossProcessHold.Abandon(db);
            SingleWriterGate.ReleaseHeld(db);
        }
    }

    /// <summary>Whether <see cref="SaveAsync"/> would write the context's changes itself (rather than hand them to SaveChanges).</summary>
    public static bool CanSaveDirectly(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = Pending(db);
        return entries.Count > 0 && entries.All(Supported);
    }

    private static List<EntityEntry> Pending(DbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();

    /// <summary>
    /// What in <paramref name="model"/> this class cannot write as SaveChanges would, one line per entity type and
    /// feature: owned types and complex properties (their columns are not the type's own properties), concurrency
    /// tokens (SaveChanges checks them in the WHERE clause), store defaults and computed columns (SaveChanges reads
    /// them back after an insert or update), shadow properties and values generated other than a database id.
    /// A unit of work touching such a type goes through SaveChanges; the model is kept free of them so the Telegram
    /// path keeps its speed, and a test fails as soon as it is not.
    /// </summary>
    public static IReadOnlyList<string> UnsupportedFeatures(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.GetEntityTypes().SelectMany(Unsupported)];
    }

    private static readonly ConcurrentDictionary<IEntityType, bool> Writable = new();

    private static IEnumerable<string> Unsupported(IEntityType type)
    {
        var name = type.ClrType.Name;
        if (type.IsOwned()) yield return $"{name}: owned type";
        if (type.GetTableName() is null) yield return $"{name}: not mapped to a table";
        foreach (var complex in type.GetComplexProperties()) yield return $"{name}.{complex.Name}: complex property";
        foreach (var property in type.GetProperties())
        {
            var at = $"{name}.{property.Name}";
            if (property.IsShadowProperty()) yield return $"{at}: shadow property";
            if (property.IsConcurrencyToken) yield return $"{at}: concurrency token";
            if (property.FindAnnotation(RelationalAnnotationNames.DefaultValue) is not null || property.GetDefaultValueSql() is not null) yield return $"{at}: store default";
            if (property.GetComputedColumnSql() is not null) yield return $"{at}: computed column";
            if (property.ValueGenerated != ValueGenerated.Never && !IsGeneratedId(property)) yield return $"{at}: value generated on {property.ValueGenerated}";
        }
    }

    private static bool Supported(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (!Writable.GetOrAdd(type, static t => !Unsupported(t).Any())) return false;
        // A temporary value (only keys and foreign keys have them) must be an id the database makes (a single
        // integer key), or a foreign key to a row inserted in this unit of work.
        foreach (var property in type.GetProperties())
        {
            if (property.IsKey() && !property.IsForeignKey() && !IsGeneratedId(property) && entry.Property(property).IsTemporary) return false;
        }
        return true;
    }

    private static bool IsGeneratedId(IProperty property) =>
        property.IsPrimaryKey() && property.PropertyInfo is not null && property.ValueGenerated == ValueGenerated.OnAdd
        && property.DeclaringType is IEntityType { } type && type.FindPrimaryKey()!.Properties.Count == 1
        && (property.ClrType == typeof(long) || property.ClrType == typeof(int));

    private static readonly ConcurrentDictionary<IEntityType, int> Depths = new();

    /// <summary>How many foreign keys away from a type with none: principals come first.</summary>
    private static int Depth(IEntityType type) =>
        Depths.GetOrAdd(type, static t => t.GetForeignKeys().Where(fk => fk.PrincipalEntityType != t).Select(fk => 1 + Depth(fk.PrincipalEntityType)).DefaultIfEmpty(0).Max());

    private static StoreObjectIdentifier TableOf(IEntityType type) => StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

    private static string Column(IProperty property, IEntityType type) => "\"" + property.GetColumnName(TableOf(type)) + "\"";

    private static async Task<int> InsertAsync(DbContext db, Dictionary<string, DbCommand> commands, EntityEntry entry, CancellationToken cancellationToken)
    {
        var type = entry.Metadata;
        var generated = type.FindPrimaryKey()!.Properties is [var only] && entry.Property(only).IsTemporary ? only : null;
        var columns = type.GetProperties().Where(p => p != generated).ToList();
        var key = "I:" + type.Name + (generated is null ? "" : ":g");
        var command = Prepare(db, commands, key, () =>
            $"INSERT INTO \"{type.GetTableName()}\" ({string.Join(", ", columns.Select(p => Column(p, type)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})"
            + (generated is null ? "" : " RETURNING " + Column(generated, type)), columns.Count);
        Bind(command, entry, columns);
        if (generated is null) return Expect(await command.ExecuteNonQueryAsync(cancellationToken), entry);
        var id = Convert.ChangeType(await command.ExecuteScalarAsync(cancellationToken), generated.ClrType, System.Globalization.CultureInfo.InvariantCulture);
        generated.PropertyInfo!.SetValue(entry.Entity, id);
        return 1;
    }

    private static async Task<int> UpdateAsync(DbContext db, Dictionary<string, DbCommand> commands, EntityEntry entry, CancellationToken cancellationToken)
    {
        var type = entry.Metadata;
        var changed = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).Select(p => p.Metadata).ToList();
        if (changed.Count == 0) return 0;
        var keys = type.FindPrimaryKey()!.Properties;
        var key = "U:" + type.Name + ":" + string.Join(",", changed.Select(p => p.Name));
        var command = Prepare(db, commands, key, () =>
            $"UPDATE \"{type.GetTableName()}\" SET {string.Join(", ", changed.Select((p, i) => Column(p, type) + " = @p" + i))} WHERE {string.Join(" AND ", keys.Select((p, i) => Column(p, type) + " = @p" + (changed.Count + i)))}",
            changed.Count + keys.Count);
        Bind(command, entry, [.. changed, .. keys]);
        return Expect(await command.ExecuteNonQueryAsync(cancellationToken), entry);
    }

    private static async Task<int> DeleteAsync(DbContext db, Dictionary<string, DbCommand> commands, EntityEntry entry, CancellationToken cancellationToken)
    {
        var type = entry.Metadata;
        var keys = type.FindPrimaryKey()!.Properties;
        var command = Prepare(db, commands, "D:" + type.Name, () =>
            $"DELETE FROM \"{type.GetTableName()}\" WHERE {string.Join(" AND ", keys.Select((p, i) => Column(p, type) + " = @p" + i))}", keys.Count);
        Bind(command, entry, keys);
        return Expect(await command.ExecuteNonQueryAsync(cancellationToken), entry);
    }

    /// <summary>An update or delete that found no row means the row changed under this unit of work, as SaveChanges reports it.</summary>
    private static int Expect(int rows, EntityEntry entry) =>
        rows == 1 ? 1 : throw new DbUpdateConcurrencyException($"Expected one {entry.Metadata.GetTableName()} row to change, {rows} did");

    private static DbCommand Prepare(DbContext db, Dictionary<string, DbCommand> commands, string key, Func<string> sql, int parameters)
    {
        if (commands.TryGetValue(key, out var command)) return command;
        command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
        }
        // Npgsql prepares by itself after a few runs (see PreparedCommand).
        if (!SqlDialect.IsPostgres(db)) command.Prepare();
        commands[key] = command;
        return command;
    }

    /// <summary>
    /// Sets the parameters from the entry's current values, through the model's value converters. A foreign key
    /// still holding a temporary value takes the id just generated for its principal.
    /// </summary>
    private static void Bind(DbCommand command, EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var current = entry.Property(property);
            var value = (property.IsKey() || property.IsForeignKey()) && current.IsTemporary ? PrincipalKey(entry, property) : current.CurrentValue;
            if (property.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
            command.Parameters[i].Value = SqlDialect.Bindable(value);
        }
    }

    private static object? PrincipalKey(EntityEntry entry, IProperty foreignKeyProperty)
    {
        foreach (var foreignKey in foreignKeyProperty.GetContainingForeignKeys())
        {
            if (foreignKey.DependentToPrincipal is not { } navigation || navigation.GetGetter().GetClrValue(entry.Entity) is not { } principal) continue;
            var index = foreignKey.Properties.ToList().IndexOf(foreignKeyProperty);
            return foreignKey.PrincipalKey.Properties[index].GetGetter().GetClrValue(principal);
        }
        throw new InvalidOperationException($"{entry.Metadata.GetTableName()}.{foreignKeyProperty.Name} refers to a row not yet saved");
    }
}

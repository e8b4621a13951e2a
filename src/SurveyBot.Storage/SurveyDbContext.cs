using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// SurveyBot's database (SQLite by default, or PostgreSQL). Each provider keeps its own migrations: after changing an
/// entity, add one to both (a test fails while either provider's model snapshot differs from the model):
/// <code>dotnet ef migrations add NAME --project src/SurveyBot.Storage</code>
/// <code>dotnet ef migrations add NAME --project src/SurveyBot.Storage.Postgres</code>
/// </summary>
public sealed class SurveyDbContext(DbContextOptions<SurveyDbContext> options) : DbContext(options)
{
    public DbSet<RespondentRecord> Respondents => Set<RespondentRecord>();
    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();
    public DbSet<FlowCounter> FlowCounters => Set<FlowCounter>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
    public DbSet<ContactRecord> Contacts => Set<ContactRecord>();
    public DbSet<InvitationRecord> Invitations => Set<InvitationRecord>();
    public DbSet<BroadcastRecord> Broadcasts => Set<BroadcastRecord>();
    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();
    public DbSet<FlowVersionRecord> FlowVersions => Set<FlowVersionRecord>();
    public DbSet<SendSlotRecord> SendSlots => Set<SendSlotRecord>();

    public override void Dispose()
    {
        CrossProcessHold.Abandon(this);
        SingleWriterGate.ReleaseHeld(this);
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        CrossProcessHold.Abandon(this);
        SingleWriterGate.ReleaseHeld(this);
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);
        if (SqlDialect.IsPostgres(this)) QuoteIndexFilters(modelBuilder);
    }

    /// <summary>
    /// The partial indexes' filters name their columns bare, which SQLite matches to the PascalCase columns and
    /// PostgreSQL folds to lower case: on PostgreSQL they are quoted. SQLite's filters stay as its migrations wrote them.
    /// </summary>
    private static void QuoteIndexFilters(ModelBuilder modelBuilder)
    {
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()))
        {
            if (index.GetFilter() is not { } filter) continue;
            foreach (var property in index.DeclaringEntityType.GetProperties().OrderByDescending(p => p.Name.Length))
                filter = System.Text.RegularExpressions.Regex.Replace(filter, $"(?<![\\w\"]){property.Name}(?![\\w\"])", $"\"{property.Name}\"");
            index.SetFilter(filter);
        }
    }
}

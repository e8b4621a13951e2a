using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// SurveyBot's database (SQLite by default). Add a migration after changing an entity with:
/// <code>dotnet ef migrations add NAME --project src/SurveyBot.Storage</code>
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

    public override void Dispose()
    {
        SingleWriterGate.ReleaseHeld(this);
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        SingleWriterGate.ReleaseHeld(this);
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);
}

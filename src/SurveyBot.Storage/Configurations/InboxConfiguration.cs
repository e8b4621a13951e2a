using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class InboxConfiguration : IEntityTypeConfiguration<InboxRecord>
{
    public void Configure(EntityTypeBuilder<InboxRecord> builder)
    {
        builder.ToTable("inbox");
        builder.HasKey(i => i.Id);
        // Not unique: Telegram may reuse an id for a new update; a redelivery is told apart by its content (see InboxStore).
        builder.HasIndex(i => i.UpdateId);
        // Only pending rows are looked up (on start); a partial index stays as small as the backlog.
        builder.HasIndex(i => i.Id).HasDatabaseName("IX_inbox_pending").HasFilter("ProcessedAt IS NULL");
    }
}

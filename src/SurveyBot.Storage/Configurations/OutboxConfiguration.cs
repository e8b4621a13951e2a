using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Status).HasMaxLength(16).IsRequired();
        builder.Property(o => o.ClaimedBy).HasMaxLength(64);
        builder.HasIndex(o => o.Id).HasDatabaseName("IX_outbox_pending").HasFilter("Status = 'pending'");
        builder.HasIndex(o => o.ChatId);
    }
}

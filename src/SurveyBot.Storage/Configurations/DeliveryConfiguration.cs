using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryRecord> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => new { d.BroadcastId, d.ChatId });
        builder.Property(d => d.Status).HasMaxLength(16).IsRequired();
        builder.Property(d => d.ClaimedBy).HasMaxLength(64);
        builder.HasIndex(d => new { d.BroadcastId, d.Status });
        builder.HasOne(d => d.Broadcast).WithMany().HasForeignKey(d => d.BroadcastId).OnDelete(DeleteBehavior.Cascade);
    }
}

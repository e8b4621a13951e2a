using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class BroadcastConfiguration : IEntityTypeConfiguration<BroadcastRecord>
{
    public void Configure(EntityTypeBuilder<BroadcastRecord> builder)
    {
        builder.ToTable("broadcasts");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.FlowId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Audience).HasMaxLength(16).IsRequired();
        builder.Property(b => b.StartParameter).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Status).HasMaxLength(16).IsRequired();
        builder.HasIndex(b => b.Status);
    }
}

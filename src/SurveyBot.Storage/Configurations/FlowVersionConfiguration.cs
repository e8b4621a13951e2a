using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class FlowVersionConfiguration : IEntityTypeConfiguration<FlowVersionRecord>
{
    public void Configure(EntityTypeBuilder<FlowVersionRecord> builder)
    {
        builder.ToTable("flow_versions");
        builder.HasKey(v => new { v.FlowId, v.Version });
        builder.Property(v => v.FlowId).HasMaxLength(64);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
    }
}

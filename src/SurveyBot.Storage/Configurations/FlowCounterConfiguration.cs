using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class FlowCounterConfiguration : IEntityTypeConfiguration<FlowCounter>
{
    public void Configure(EntityTypeBuilder<FlowCounter> builder)
    {
        builder.ToTable("flow_counters");
        builder.HasKey(c => c.FlowId);
        builder.Property(c => c.FlowId).HasMaxLength(64);
    }
}

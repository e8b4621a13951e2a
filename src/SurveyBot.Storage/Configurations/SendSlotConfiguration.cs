using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class SendSlotConfiguration : IEntityTypeConfiguration<SendSlotRecord>
{
    public void Configure(EntityTypeBuilder<SendSlotRecord> builder)
    {
        builder.ToTable("send_slots");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(32);
    }
}

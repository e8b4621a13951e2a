using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class RespondentConfiguration : IEntityTypeConfiguration<RespondentRecord>
{
    public void Configure(EntityTypeBuilder<RespondentRecord> builder)
    {
        builder.ToTable("respondents");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.PublicId).HasMaxLength(32).IsRequired();
        builder.HasIndex(r => r.PublicId).IsUnique();
        builder.Property(r => r.FlowId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Channel).HasMaxLength(16).IsRequired();
        builder.Property(r => r.Status).HasMaxLength(16).IsRequired();
        builder.HasIndex(r => new { r.Channel, r.ChatId, r.Status });
        builder.HasIndex(r => new { r.FlowId, r.Status });
    }
}

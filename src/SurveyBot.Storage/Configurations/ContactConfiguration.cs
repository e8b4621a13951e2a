using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class ContactConfiguration : IEntityTypeConfiguration<ContactRecord>
{
    public void Configure(EntityTypeBuilder<ContactRecord> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => c.ChatId);
        builder.Property(c => c.ChatId).ValueGeneratedNever();
        builder.Property(c => c.State).HasMaxLength(16).IsRequired();
        builder.HasIndex(c => c.State);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<InvitationRecord>
{
    public void Configure(EntityTypeBuilder<InvitationRecord> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Token).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.Token).IsUnique();
        builder.Property(i => i.FlowId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Source).HasMaxLength(64).IsRequired();
    }
}

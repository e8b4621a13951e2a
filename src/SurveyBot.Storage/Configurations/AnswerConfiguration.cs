using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage.Configurations;

public sealed class AnswerConfiguration : IEntityTypeConfiguration<AnswerRecord>
{
    public void Configure(EntityTypeBuilder<AnswerRecord> builder)
    {
        builder.ToTable("answers");
        // One value per column per respondent: a replayed input cannot record an answer twice.
        builder.HasKey(a => new { a.RespondentId, a.Code });
        builder.Property(a => a.Code).HasMaxLength(64);
        builder.HasOne(a => a.Respondent).WithMany().HasForeignKey(a => a.RespondentId).OnDelete(DeleteBehavior.Cascade);
    }
}

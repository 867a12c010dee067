using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.Property(q => q.Title).HasMaxLength(Limits.QuestionTitleChars);
        b.HasIndex(q => new { q.PaperId, q.Status });
        b.HasIndex(q => new { q.UserId, q.CreatedAt });
        // Site-wide lists, newest first, and "without an answer".
        b.HasIndex(q => new { q.Status, q.CreatedAt, q.Id });
        b.HasIndex(q => new { q.Status, q.AnswerCount, q.CreatedAt, q.Id });
        b.HasOne(q => q.Paper).WithMany().HasForeignKey(q => q.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(q => q.User).WithMany().HasForeignKey(q => q.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Answer>().WithMany().HasForeignKey(q => q.AcceptedAnswerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(q => q.Answers).WithOne(a => a.Question).HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(q => q.Revisions).WithOne(r => r.Question).HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class QuestionRevisionConfiguration : IEntityTypeConfiguration<QuestionRevision>
{
    public void Configure(EntityTypeBuilder<QuestionRevision> b)
    {
        b.Property(r => r.Title).HasMaxLength(Limits.QuestionTitleChars);
        b.HasIndex(r => new { r.QuestionId, r.Number }).IsUnique();
    }
}

sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> b)
    {
        b.HasIndex(a => new { a.QuestionId, a.CreatedAt });
        b.HasIndex(a => new { a.UserId, a.CreatedAt });
        b.HasIndex(a => new { a.Status, a.CreatedAt, a.Id });
        b.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Revisions).WithOne(r => r.Answer).HasForeignKey(r => r.AnswerId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AnswerRevisionConfiguration : IEntityTypeConfiguration<AnswerRevision>
{
    public void Configure(EntityTypeBuilder<AnswerRevision> b) =>
        b.HasIndex(r => new { r.AnswerId, r.Number }).IsUnique();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.HasIndex(c => new { c.SummaryId, c.CreatedAt });
        b.HasIndex(c => new { c.UserId, c.CreatedAt });
        b.HasIndex(c => new { c.Status, c.CreatedAt, c.Id });
        b.HasOne(c => c.Summary).WithMany(s => s.Comments).HasForeignKey(c => c.SummaryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Parent).WithMany(c => c.Replies).HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Revisions).WithOne(r => r.Comment).HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CommentRevisionConfiguration : IEntityTypeConfiguration<CommentRevision>
{
    public void Configure(EntityTypeBuilder<CommentRevision> b) =>
        b.HasIndex(r => new { r.CommentId, r.Number }).IsUnique();
}

sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> b)
    {
        b.HasKey(v => new { v.UserId, v.TargetType, v.TargetId });
        b.HasIndex(v => new { v.TargetType, v.TargetId });
        b.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_votes_value", "value IN (-1, 1)"));
    }
}

sealed class SummaryDailyStatConfiguration : IEntityTypeConfiguration<SummaryDailyStat>
{
    public void Configure(EntityTypeBuilder<SummaryDailyStat> b)
    {
        b.HasKey(s => new { s.SummaryId, s.Day });
        b.HasIndex(s => s.Day);
        b.HasOne<Summary>().WithMany().HasForeignKey(s => s.SummaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasIndex(n => new { n.UserId, n.Id });
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => n.EmailedAt).HasFilter("emailed_at IS NULL");
        b.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

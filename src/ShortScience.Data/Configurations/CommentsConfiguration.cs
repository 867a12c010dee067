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

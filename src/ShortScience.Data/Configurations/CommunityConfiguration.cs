using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        b.Property(f => f.TargetKey).HasMaxLength(200);
        b.HasIndex(f => new { f.UserId, f.TargetType, f.TargetKey }).IsUnique();
        b.HasIndex(f => new { f.TargetType, f.TargetKey });
        b.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> b)
    {
        b.Property(f => f.Reason).HasMaxLength(2000);
        b.Property(f => f.TargetId).HasMaxLength(200);
        b.HasIndex(f => new { f.Status, f.CreatedAt });
        b.HasIndex(f => new { f.TargetType, f.TargetId });
        b.HasOne<User>().WithMany().HasForeignKey(f => f.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> b)
    {
        b.HasIndex(a => a.CreatedAt);
        b.HasIndex(a => new { a.TargetType, a.TargetId });
        b.HasOne<User>().WithMany().HasForeignKey(a => a.ModeratorId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.Bio).HasMaxLength(2000);
        b.Property(u => u.Affiliation).HasMaxLength(200);
        b.Property(u => u.FeedToken).HasMaxLength(64);
        b.Property(u => u.UnsubscribeToken).HasMaxLength(64);
        b.HasIndex(u => u.FeedToken).IsUnique().HasFilter("feed_token IS NOT NULL");
        b.HasIndex(u => u.UnsubscribeToken).IsUnique().HasFilter("unsubscribe_token IS NOT NULL");
    }
}

sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasIndex(s => s.UserId);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

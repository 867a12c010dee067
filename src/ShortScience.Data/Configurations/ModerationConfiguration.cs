using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

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

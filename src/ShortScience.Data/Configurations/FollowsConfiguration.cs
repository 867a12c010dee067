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

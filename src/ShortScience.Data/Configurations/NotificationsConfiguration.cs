using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

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
        b.Property(u => u.ReadingListFeedToken).HasMaxLength(64);
        b.HasIndex(u => u.ReadingListFeedToken).IsUnique().HasFilter("reading_list_feed_token IS NOT NULL");
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

sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.HasKey(f => f.Key);
        b.Property(f => f.Key).HasMaxLength(64);
        b.HasIndex(f => f.UpdatedAt);
    }
}

sealed class AccountMailCountConfiguration : IEntityTypeConfiguration<AccountMailCount>
{
    public void Configure(EntityTypeBuilder<AccountMailCount> b)
    {
        b.HasKey(c => c.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

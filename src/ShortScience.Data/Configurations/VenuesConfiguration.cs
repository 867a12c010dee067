using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.HasIndex(v => v.Slug).IsUnique();
        b.Property(v => v.Slug).HasMaxLength(80);
        b.Property(v => v.Name).HasMaxLength(300);
        b.Property(v => v.ShortName).HasMaxLength(80);
        b.Property(v => v.Field).HasMaxLength(40);
        b.HasOne<Venue>().WithMany().HasForeignKey(v => v.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Aliases).WithOne(a => a.Venue).HasForeignKey(a => a.VenueId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class VenueAliasConfiguration : IEntityTypeConfiguration<VenueAlias>
{
    public void Configure(EntityTypeBuilder<VenueAlias> b)
    {
        b.HasIndex(a => a.Normalized).IsUnique();
        b.Property(a => a.Alias).HasMaxLength(300);
        b.Property(a => a.Normalized).HasMaxLength(300);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class FigureConfiguration : IEntityTypeConfiguration<Figure>
{
    public void Configure(EntityTypeBuilder<Figure> b)
    {
        b.HasKey(f => new { f.Hash, f.Variant });
        b.Property(f => f.Hash).HasMaxLength(32);
        b.Property(f => f.Variant).HasMaxLength(16);
        b.Property(f => f.ContentType).HasMaxLength(32);
        b.HasIndex(f => new { f.OwnerId, f.CreatedAt });
        b.HasIndex(f => f.CreatedAt);
        b.HasOne<User>().WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class FigureBlobConfiguration : IEntityTypeConfiguration<FigureBlob>
{
    public void Configure(EntityTypeBuilder<FigureBlob> b)
    {
        b.HasKey(f => new { f.Hash, f.Variant });
        b.Property(f => f.Hash).HasMaxLength(32);
        b.Property(f => f.Variant).HasMaxLength(16);
    }
}

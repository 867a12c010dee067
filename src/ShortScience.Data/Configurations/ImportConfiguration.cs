using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class ImportProgressConfiguration : IEntityTypeConfiguration<ImportProgress>
{
    public void Configure(EntityTypeBuilder<ImportProgress> b)
    {
        b.HasKey(p => p.Token);
        b.Property(p => p.Token).HasMaxLength(ShortScience.Contracts.Limits.ImportProgressTokenChars);
        b.HasIndex(p => p.UpdatedAt);
    }
}

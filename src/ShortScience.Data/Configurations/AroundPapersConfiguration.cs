using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Contracts;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class PaperAliasConfiguration : IEntityTypeConfiguration<PaperAlias>
{
    public void Configure(EntityTypeBuilder<PaperAlias> b)
    {
        b.ToTable("paper_aliases");
        b.Property(a => a.Key).HasMaxLength(Limits.PaperAliasChars);
        b.Property(a => a.NormalizedKey).HasMaxLength(Limits.PaperAliasChars);
        b.HasIndex(a => a.NormalizedKey).IsUnique();
        b.HasIndex(a => a.PaperId);
        b.HasOne(a => a.Paper).WithMany().HasForeignKey(a => a.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CitationConfiguration : IEntityTypeConfiguration<Citation>
{
    public void Configure(EntityTypeBuilder<Citation> b)
    {
        b.ToTable("citations");
        b.HasIndex(c => new { c.SourceKind, c.SourceId, c.CitedPaperId }).IsUnique();
        b.HasIndex(c => new { c.CitedPaperId, c.Id });
        b.HasOne<Paper>().WithMany().HasForeignKey(c => c.CitedPaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Paper>().WithMany().HasForeignKey(c => c.SourcePaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ReadingListEntryConfiguration : IEntityTypeConfiguration<ReadingListEntry>
{
    public void Configure(EntityTypeBuilder<ReadingListEntry> b)
    {
        b.ToTable("reading_list_entries");
        b.HasKey(e => new { e.UserId, e.PaperId });
        b.Property(e => e.Note).HasMaxLength(Limits.ReadingListNoteChars);
        b.HasIndex(e => new { e.UserId, e.CreatedAt });
        b.HasIndex(e => e.PaperId);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Paper).WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class PaperConfiguration : IEntityTypeConfiguration<Paper>
{
    public void Configure(EntityTypeBuilder<Paper> b)
    {
        b.Property(p => p.Key).HasMaxLength(200);
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Title).HasMaxLength(1000);
        b.Property(p => p.NormalizedTitle).HasMaxLength(1000);
        b.Property(p => p.ArxivId).HasMaxLength(40);
        b.Property(p => p.Doi).HasMaxLength(300);
        b.Property(p => p.BibtexKey).HasMaxLength(200);
        b.Property(p => p.Field).HasMaxLength(40);
        b.HasIndex(p => p.ArxivId).IsUnique().HasFilter("arxiv_id IS NOT NULL");
        b.HasIndex(p => p.Doi).IsUnique().HasFilter("doi IS NOT NULL");
        b.HasIndex(p => p.BibtexKey);
        b.HasIndex(p => new { p.NormalizedTitle, p.Year });
        b.HasIndex(p => new { p.VenueId, p.Year, p.Id });
        b.HasIndex(p => new { p.Year, p.Id });
        // Browsing lists (venue-year, year, tag): summarized papers by summary count, the rest by id, visible only.
        b.HasIndex(p => new { p.VenueId, p.Year, p.SummaryCount, p.Id }).HasFilter("status = 0").HasDatabaseName("ix_papers_venue_year_listing");
        b.HasIndex(p => new { p.Year, p.SummaryCount, p.Id }).HasFilter("status = 0").HasDatabaseName("ix_papers_year_listing");
        b.HasIndex(p => new { p.SummaryCount, p.Id }).HasFilter("status = 0").HasDatabaseName("ix_papers_listing");
        b.HasIndex(p => p.Keywords).HasMethod("gin");
        // Hidden papers are never searched: they stay out of the index.
        b.HasIndex(p => p.SearchVector).HasMethod("gin").HasFilter("status = 0");
        b.HasIndex(p => p.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_papers_title_trgm");
        b.HasOne(p => p.Venue).WithMany(v => v.Papers).HasForeignKey(p => p.VenueId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> b)
    {
        b.Property(a => a.Slug).HasMaxLength(200);
        b.Property(a => a.Name).HasMaxLength(300);
        b.Property(a => a.NormalizedName).HasMaxLength(300);
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => a.NormalizedName);
        b.HasIndex(a => a.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_authors_name_trgm");
        b.HasOne<Author>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PaperAuthorConfiguration : IEntityTypeConfiguration<PaperAuthor>
{
    public void Configure(EntityTypeBuilder<PaperAuthor> b)
    {
        b.HasKey(pa => new { pa.PaperId, pa.Position });
        b.HasIndex(pa => new { pa.AuthorId, pa.PaperId });
        b.Property(pa => pa.DisplayName).HasMaxLength(300);
        b.HasOne(pa => pa.Paper).WithMany(p => p.Authors).HasForeignKey(pa => pa.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(pa => pa.Author).WithMany(a => a.Papers).HasForeignKey(pa => pa.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PaperEditConfiguration : IEntityTypeConfiguration<PaperEdit>
{
    public void Configure(EntityTypeBuilder<PaperEdit> b)
    {
        b.Property(e => e.ChangesJson).HasColumnType("jsonb");
        b.HasIndex(e => new { e.Status, e.CreatedAt });
        b.HasOne(e => e.Paper).WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ProposerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(e => e.ReviewerId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class PaperChangeConfiguration : IEntityTypeConfiguration<PaperChange>
{
    public void Configure(EntityTypeBuilder<PaperChange> b)
    {
        b.Property(c => c.Field).HasMaxLength(40);
        b.Property(c => c.Source).HasMaxLength(40);
        b.HasIndex(c => new { c.PaperId, c.Id });
        b.HasOne(c => c.Paper).WithMany().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.ActorId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class PaperDocumentConfiguration : IEntityTypeConfiguration<PaperDocument>
{
    public void Configure(EntityTypeBuilder<PaperDocument> b)
    {
        b.HasKey(d => d.PaperId);
        b.HasOne<Paper>().WithOne().HasForeignKey<PaperDocument>(d => d.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class PageEpochConfiguration : IEntityTypeConfiguration<PageEpoch>
{
    public void Configure(EntityTypeBuilder<PageEpoch> b)
    {
        b.ToTable("page_epoch", t => t.HasCheckConstraint("ck_page_epoch_one_row", "id = 1"));
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasData(new PageEpoch { Id = 1, Epoch = 0 });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShortScience.Data.Entities;

namespace ShortScience.Data.Configurations;

sealed class SummaryConfiguration : IEntityTypeConfiguration<Summary>
{
    public void Configure(EntityTypeBuilder<Summary> b)
    {
        b.Property(s => s.Version).IsRowVersion();
        b.HasIndex(s => new { s.PaperId, s.UserId }).IsUnique();
        b.HasIndex(s => new { s.Status, s.PublishedAt, s.Id });
        b.HasIndex(s => new { s.Status, s.Score, s.Id });
        b.HasIndex(s => new { s.UserId, s.Status, s.PublishedAt });
        // The best summary of each paper in a listing.
        b.HasIndex(s => new { s.PaperId, s.Status, s.Score });
        b.HasOne(s => s.Paper).WithMany(p => p.Summaries).HasForeignKey(s => s.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Current).WithMany().HasForeignKey(s => s.CurrentRevisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Revisions).WithOne(r => r.Summary).HasForeignKey(r => r.SummaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SummaryRevisionConfiguration : IEntityTypeConfiguration<SummaryRevision>
{
    public void Configure(EntityTypeBuilder<SummaryRevision> b)
    {
        b.HasIndex(r => new { r.SummaryId, r.Number }).IsUnique();
        b.HasIndex(r => r.RendererVersion);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.EditorId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> b)
    {
        b.HasIndex(d => new { d.UserId, d.PaperId }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.Paper).WithMany().HasForeignKey(d => d.PaperId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Summary>().WithMany().HasForeignKey(d => d.SummaryId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class SummaryDailyStatConfiguration : IEntityTypeConfiguration<SummaryDailyStat>
{
    public void Configure(EntityTypeBuilder<SummaryDailyStat> b)
    {
        b.HasKey(s => new { s.SummaryId, s.Day });
        b.HasIndex(s => s.Day);
        b.HasOne<Summary>().WithMany().HasForeignKey(s => s.SummaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

namespace ShortScience.Api.Figures;

/// <summary>Settings of the <c>Figures</c> section (docs/figures.md lists them with their defaults).</summary>
public sealed class FigureOptions
{
    /// <summary>Largest file accepted (bytes). A larger upload is refused with 413 before its body is read whole.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most pixels (width × height) an image may declare; checked from its header before anything is decoded.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Widest or tallest side accepted (WebP itself stops at 16383).</summary>
    public int MaxSide { get; set; } = 16383;

    /// <summary>Width of the reading-column variant; wider images also get one this wide.</summary>
    public int ColumnWidth { get; set; } = 1400;

    /// <summary>WebP quality for photographs (JPEG and lossy WebP); PNG and GIF are kept lossless.</summary>
    public int Quality { get; set; } = 85;

    /// <summary>Bytes of figures one member may own in all.</summary>
    public long QuotaBytesPerMember { get; set; } = 200L * 1024 * 1024;

    /// <summary><c>Postgres</c> (default: bytes in the database, backed up with it) or <c>FileSystem</c>.</summary>
    public string Store { get; set; } = "Postgres";

    /// <summary>Folder of the filesystem store.</summary>
    public string? FileSystemPath { get; set; }

    /// <summary>Uploads no summary, revision or draft mentions after this long are removed by the janitor.</summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the janitor looks for orphans; zero turns it off.</summary>
    public TimeSpan JanitorInterval { get; set; } = TimeSpan.FromHours(1);
}

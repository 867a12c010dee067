namespace ShortScience.Data.Entities;

/// <summary>
/// One stored image variant (<c>original</c> or <c>column</c>) of a content-addressed figure. The row is the
/// figure's facts (size, owner, dates); its bytes live in the configured store (<see cref="FigureBlob"/> by default).
/// </summary>
public sealed class Figure
{
    /// <summary>The first 32 hex characters of the SHA-256 of the re-encoded full-size image.</summary>
    public string Hash { get; set; } = "";
    public string Variant { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Size of the stored bytes of this variant.</summary>
    public long Length { get; set; }

    /// <summary>The first uploader; null once their account is gone and a remaining summary still shows it.</summary>
    public Guid? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The bytes of a figure variant when figures are stored in PostgreSQL (the default store).</summary>
public sealed class FigureBlob
{
    public string Hash { get; set; } = "";
    public string Variant { get; set; } = "";
    public byte[] Data { get; set; } = [];
}

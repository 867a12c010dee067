using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ShortScience.Contracts;
using SkiaSharp;

namespace ShortScience.Api.Figures;

/// <summary>One re-encoded variant of a figure.</summary>
public sealed record FigureVariant(string Name, byte[] Data, int Width, int Height)
{
    public const string ContentType = "image/webp";
}

/// <summary>A processed upload: its content address and the variants to store.</summary>
public sealed record ProcessedFigure(string Hash, FigureVariant Original, FigureVariant? Column);

/// <summary>Why a file is not taken, with the status it answers (415 wrong kind, 422 undecodable or too many pixels).</summary>
public sealed class FigureRefusedException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;
}

/// <summary>
/// Turns an uploaded file into safe WebP images with Skia's codecs: the kind is read from the bytes (never the name
/// or declared type), only PNG, JPEG, GIF and WebP are taken, the declared size is checked against the pixel limit
/// before a single pixel is decoded, and the pixels are encoded afresh, so no metadata (EXIF GPS, comments, ICC
/// tricks) and nothing appended to the file survives.
/// </summary>
public sealed class FigureProcessor(IOptions<FigureOptions> options)
{
    static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Webp];

    /// <summary>Markup that has no business inside an image: a file carrying it is a polyglot, whatever decodes.</summary>
    static readonly byte[][] Markup = new[]
    {
        "<script", "<html", "<!doctype", "<?php", "<iframe", "<body", "javascript:",
        // "<svg" alone turns up by chance in compressed data; the tag with what follows its name does not.
        "<svg ", "<svg>", "<svg\t", "<svg\n", "<svg\r", "<svg/",
    }
        .Select(Encoding.ASCII.GetBytes).ToArray();

    public const string Kinds = "PNG, JPEG, GIF or WebP";

    public ProcessedFigure Process(byte[] file)
    {
        var settings = options.Value;
        if (file.Length == 0) throw new FigureRefusedException(422, "The file is empty.");
        if (!HasImageSignature(file))
            throw new FigureRefusedException(415, $"This file is not a {Kinds} image (its content says so, whatever its name). SVG is not accepted.");
        if (ContainsMarkup(file))
            throw new FigureRefusedException(415, "The file is an image and something else at once (it carries markup or script); save it again as a plain image.");

        using var codec = SKCodec.Create(new SKMemoryStream(file), out var opened);
        if (codec is null)
            throw new FigureRefusedException(422, $"The image cannot be read ({Describe(opened)}).");
        if (!Accepted.Contains(codec.EncodedFormat))
            throw new FigureRefusedException(415, $"Only {Kinds} images are accepted, not {codec.EncodedFormat}.");

        // The header's size, before any decoding: a small file can declare billions of pixels.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > settings.MaxSide || height > settings.MaxSide || (long)width * height > settings.MaxPixels)
            throw new FigureRefusedException(422,
                $"The image is {width}×{height} pixels; figures may have at most {settings.MaxPixels / 1_000_000} megapixels and {settings.MaxSide} pixels a side.");

        using var bitmap = Decode(codec, width, height);
        using var turned = Orient(bitmap, codec.EncodedOrigin);
        var oriented = turned ?? bitmap;
        var lossless = codec.EncodedFormat is SKEncodedImageFormat.Png or SKEncodedImageFormat.Gif;
        var original = new FigureVariant(FigureLinks.Original, Encode(oriented, lossless, settings.Quality), oriented.Width, oriented.Height);
        var hash = Convert.ToHexStringLower(SHA256.HashData(original.Data))[..FigureLinks.HashLength];

        FigureVariant? column = null;
        if (oriented.Width > settings.ColumnWidth)
        {
            var h = Math.Max(1, (int)Math.Round((double)oriented.Height * settings.ColumnWidth / oriented.Width));
            using var smaller = oriented.Resize(new SKImageInfo(settings.ColumnWidth, h, SKColorType.Rgba8888, SKAlphaType.Premul),
                new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? throw new FigureRefusedException(422, "The image cannot be resized.");
            column = new FigureVariant(FigureLinks.Column, Encode(smaller, lossless, settings.Quality), smaller.Width, smaller.Height);
        }
        return new ProcessedFigure(hash, original, column);
    }

    static SKBitmap Decode(SKCodec codec, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        // GIF: the first frame. Anything short of complete pixels (a truncated file) is refused, not half shown.
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new FigureRefusedException(422, $"The image cannot be decoded ({Describe(result)}).");
        }
        return bitmap;
    }

    /// <summary>Photos say how they were held in EXIF, which re-encoding drops: turn the pixels upright instead.</summary>
    static SKBitmap? Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return null;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        var (bw, bh) = (bitmap.Width, bitmap.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, bw, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, bw, 0, -1, bh, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, bh, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, bh, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, bh, -1, 0, bw, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, bw, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }

    static byte[] Encode(SKBitmap bitmap, bool lossless, int quality)
    {
        using var pixmap = bitmap.PeekPixels();
        var encoderOptions = lossless
            ? new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 60)
            : new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality);
        using var encoded = pixmap.Encode(encoderOptions) ?? throw new FigureRefusedException(422, "The image cannot be encoded.");
        return encoded.ToArray();
    }

    /// <summary>The first bytes of the four accepted kinds (Skia then confirms and reads the header).</summary>
    public static bool HasImageSignature(ReadOnlySpan<byte> file) =>
        file.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || file.StartsWith("GIF87a"u8) || file.StartsWith("GIF89a"u8)
        || (file.Length >= 12 && file.StartsWith("RIFF"u8) && file[8..12].SequenceEqual("WEBP"u8));

    static bool ContainsMarkup(byte[] file)
    {
        // Case-insensitive search for ASCII markers: lower-case a copy's letters once.
        var lower = new byte[file.Length];
        for (var i = 0; i < file.Length; i++) lower[i] = file[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(file[i] | 0x20) : file[i];
        foreach (var marker in Markup)
        {
            if (lower.AsSpan().IndexOf(marker) >= 0) return true;
        }
        return false;
    }

    static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => "the file is cut short or damaged",
        SKCodecResult.InvalidInput => "the file is damaged",
        SKCodecResult.Unimplemented => "an unsupported kind of image",
        _ => result.ToString(),
    };
}

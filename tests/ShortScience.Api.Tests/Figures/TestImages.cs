using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using SkiaSharp;

namespace ShortScience.Api.Tests.Figures;

/// <summary>Real image files made in the test with the imaging library, and the hostile files figures must refuse.</summary>
public static class TestImages
{
    /// <summary>A picture with shapes and a gradient (so lossy encoders have something to do), unique per seed.</summary>
    public static SKBitmap Picture(int width, int height, int seed = 0)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        using var gradient = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
            [new SKColor((byte)(seed * 37), 80, 200), new SKColor(250, (byte)(seed * 91), 40)], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = gradient };
        canvas.DrawRect(0, 0, width, height, paint);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawCircle(width / 3f, height / 2f, Math.Min(width, height) / 5f, ink);
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 90)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Png(int width = 320, int height = 200, int seed = 0)
    {
        using var b = Picture(width, height, seed);
        return Encode(b, SKEncodedImageFormat.Png);
    }

    public static byte[] Jpeg(int width = 320, int height = 200, int seed = 0)
    {
        using var b = Picture(width, height, seed);
        return Encode(b, SKEncodedImageFormat.Jpeg);
    }

    public static byte[] Webp(int width = 320, int height = 200, int seed = 0)
    {
        using var b = Picture(width, height, seed);
        return Encode(b, SKEncodedImageFormat.Webp);
    }

    /// <summary>A GIF89a written byte by byte (Skia decodes GIF but does not write it): one white pixel.</summary>
    public static byte[] Gif() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0, // 1×1, two-color table: white, black
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, // image descriptor
        2, 2, 0x44, 0x01, 0, // LZW minimum code size 2, one block of 2 bytes, end of data
        0x3B,
    ];

    /// <summary>A 1×1 24-bit BMP (a real image, but not a kind figures take).</summary>
    public static byte[] Bmp() =>
    [
        .. "BM"u8, .. Le32(58), 0, 0, 0, 0, .. Le32(54),
        .. Le32(40), .. Le32(1), .. Le32(1), .. Le16(1), .. Le16(24), .. Le32(0), .. Le32(4), .. Le32(2835), .. Le32(2835), .. Le32(0), .. Le32(0),
        0, 0, 0xFF, 0,
    ];

    /// <summary>A JPEG with an EXIF block carrying a GPS position (latitude 48°51'N), inserted after the start marker.</summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Jpeg(300, 200, seed: 7);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(Le32(8)); // IFD0 at 8
        // IFD0: one entry, GPSInfo (0x8825) LONG → GPS IFD at 26
        tiff.AddRange(Le16(1));
        tiff.AddRange(Le16(0x8825)); tiff.AddRange(Le16(4)); tiff.AddRange(Le32(1)); tiff.AddRange(Le32(26));
        tiff.AddRange(Le32(0)); // no next IFD
        // GPS IFD at 26: GPSLatitudeRef "N", GPSLatitude 48/1 51/1 0/1 (RATIONAL×3 at 56)
        tiff.AddRange(Le16(2));
        tiff.AddRange(Le16(1)); tiff.AddRange(Le16(2)); tiff.AddRange(Le32(2)); tiff.AddRange("N\0\0\0"u8.ToArray());
        tiff.AddRange(Le16(2)); tiff.AddRange(Le16(5)); tiff.AddRange(Le32(3)); tiff.AddRange(Le32(56));
        tiff.AddRange(Le32(0));
        foreach (var (n, d) in new[] { (48, 1), (51, 1), (0, 1) }) { tiff.AddRange(Le32(n)); tiff.AddRange(Le32(d)); }
        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1 };
        segment.AddRange(Be16(exif.Length + 2));
        segment.AddRange(exif);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A valid PNG header declaring <paramref name="width"/>×<paramref name="height"/> with a few rows of zeros as data.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new List<byte>();
        ihdr.AddRange(Be32(width)); ihdr.AddRange(Be32(height));
        ihdr.AddRange([8, 0, 0, 0, 0]); // 8-bit greyscale
        Chunk(png, "IHDR", ihdr.ToArray());
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var i = 0; i < Math.Min(height, 64); i++) z.Write(row);
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(List<byte> png, string type, byte[] data)
    {
        png.AddRange(Be32(data.Length));
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(typed);
        png.AddRange(Be32((int)Crc32(typed)));
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    static byte[] Le16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); return b; }
    static byte[] Le32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }
    static byte[] Be16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); return b; }
    static byte[] Be32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); return b; }

    public static MultipartFormDataContent Form(byte[] file, string fileName = "figure.png", string contentType = "image/png", string field = "file")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { content, field, fileName } };
    }
}

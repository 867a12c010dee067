using System.Text;

namespace ShortScience.Core.Import;

/// <summary>
/// Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 on its way here ("AÃ¤ron" → "Aäron").
/// Only byte runs that form valid UTF-8 sequences are replaced, so correct text passes unchanged.
/// </summary>
public static class Mojibake
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Windows-1252 puts printable characters where Latin-1 has C1 controls.
    static readonly Dictionary<char, byte> Cp1252 = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['ƒ'] = 0x83, ['„'] = 0x84, ['…'] = 0x85, ['†'] = 0x86, ['‡'] = 0x87,
        ['ˆ'] = 0x88, ['‰'] = 0x89, ['Š'] = 0x8A, ['‹'] = 0x8B, ['Œ'] = 0x8C, ['Ž'] = 0x8E, ['\u2018'] = 0x91,
        ['\u2019'] = 0x92, ['\u201C'] = 0x93, ['\u201D'] = 0x94, ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97,
        ['˜'] = 0x98, ['™'] = 0x99, ['š'] = 0x9A, ['›'] = 0x9B, ['œ'] = 0x9C, ['ž'] = 0x9E, ['Ÿ'] = 0x9F,
    };

    public static string Repair(string text)
    {
        // Text that went through the wrong decoding twice needs two passes.
        for (var pass = 0; pass < 3; pass++)
        {
            var repaired = RepairOnce(text);
            if (ReferenceEquals(repaired, text)) break;
            text = repaired;
        }
        return text;
    }

    public static bool LooksBroken(string text) => !ReferenceEquals(RepairOnce(text), text);

    static string RepairOnce(string text)
    {
        StringBuilder? sb = null;
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (TryByte(text[i], out var lead) && lead is >= 0xC2 and <= 0xF4)
            {
                var length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                bytes[0] = lead;
                var ok = i + length <= text.Length;
                for (var k = 1; ok && k < length; k++)
                {
                    ok = TryByte(text[i + k], out var b) && b is >= 0x80 and <= 0xBF;
                    if (ok) bytes[k] = b;
                }
                if (ok && TryDecode(bytes[..length], out var decoded))
                {
                    sb ??= new StringBuilder(text.Length).Append(text, 0, i);
                    sb.Append(decoded);
                    i += length - 1;
                    continue;
                }
            }
            sb?.Append(text[i]);
        }
        return sb?.ToString() ?? text;
    }

    static bool TryByte(char c, out byte b)
    {
        if (c < 0x100)
        {
            b = (byte)c;
            return true;
        }
        return Cp1252.TryGetValue(c, out b);
    }

    static bool TryDecode(ReadOnlySpan<byte> bytes, out string decoded)
    {
        try
        {
            decoded = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = "";
            return false;
        }
    }
}

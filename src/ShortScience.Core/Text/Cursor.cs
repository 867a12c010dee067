using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ShortScience.Core.Text;

/// <summary>
/// Opaque keyset-pagination cursor: the sort value and id of the last row of a page.
/// Encoded as base64url so clients treat it as a token, not as something to edit.
/// </summary>
public readonly record struct Cursor(long Value, long Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Value}:{Id}")));

    /// <summary>
    /// The value as a UTC time (cursors of lists in time order): a hostile value beyond the calendar is clamped to its
    /// ends, giving an empty or a first page rather than an error.
    /// </summary>
    public DateTimeOffset Time => new(Math.Clamp(Value, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);

    public static bool TryDecode(string? text, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
        try
        {
            var raw = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
            var parts = raw.Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }
            cursor = new Cursor(value, id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

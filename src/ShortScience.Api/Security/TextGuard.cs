using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortScience.Api.Security;

/// <summary>
/// Every string read from a JSON body passes here: NUL (which PostgreSQL cannot store in text) is refused as the body
/// is read, before any statement runs, so a request can never fail halfway through a multi-statement save.
/// </summary>
public sealed class TextGuard : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, not {reader.TokenType}.");
        string? value;
        try
        {
            value = reader.GetString();
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate ("\ud800") is not text at all.
            throw new JsonException("Text must be valid Unicode.", ex);
        }
        if (Unstorable(value) is { } why) throw new JsonException(why);
        return value;
    }

    /// <summary>Why PostgreSQL could not store this text (a NUL, half of a surrogate pair), or null when it can.</summary>
    public static string? Unstorable(string? value)
    {
        if (value is null) return null;
        if (value.Contains('\0')) return "Text may not contain the NUL character (\\u0000).";
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i])) continue;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            return "Text must be valid Unicode (it holds half of a surrogate pair).";
        }
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Query strings and paths: a NUL there is refused the same way (400) before routing.</summary>
    public static bool HasNul(HttpRequest request) =>
        request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
        || Unstorable(request.Path.Value) is not null
        || request.Query.Any(q => Unstorable(q.Key) is not null || q.Value.Any(v => Unstorable(v) is not null));
}

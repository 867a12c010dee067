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
        var value = reader.GetString();
        if (value is not null && value.Contains('\0')) throw new JsonException("Text may not contain the NUL character (\\u0000).");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Query strings and paths: a NUL there is refused the same way (400) before routing.</summary>
    public static bool HasNul(HttpRequest request) =>
        request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
        || (request.Path.Value?.Contains('\0') ?? false)
        || request.Query.Any(q => q.Value.Any(v => v?.Contains('\0') == true));
}

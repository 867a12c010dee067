using System.Text.Json;

namespace ShortScience.Core.Import;

/// <summary>Forgiving reads of JSON whose fields may be missing, null or of another kind than documented.</summary>
static class JsonReading
{
    public static JsonElement Document(string json, string service)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new MetadataSourceException(SourceFailure.Garbage, $"{service} answered with JSON that is not an object.");
            }
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new MetadataSourceException(SourceFailure.Garbage, $"{service} answered with something that is not JSON.", ex);
        }
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The first string of an array property, or the property itself when it is a string.</summary>
    public static string? First(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => v.GetString()).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
    }
}

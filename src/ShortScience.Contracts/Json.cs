using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

/// <summary>Enums travel as lower-case words ("published", "venue-year"), never as numbers that would tie clients to their order.</summary>
public sealed class KebabCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

namespace ShortScience.Web.Clients;

/// <summary>Pieces of API addresses: escaped path segments and optional query parameters.</summary>
static class ApiQuery
{
    public static string E(string value) => Uri.EscapeDataString(value);

    /// <summary>"&amp;name=value", or nothing when there is no value.</summary>
    public static string Q(string name, string? value) => string.IsNullOrEmpty(value) ? "" : $"&{name}={E(value)}";

    /// <summary>"?cursor=…" for a list's first query parameter, or nothing on the first page.</summary>
    public static string Cursor(string? cursor) => cursor is null ? "" : $"?cursor={E(cursor)}";
}

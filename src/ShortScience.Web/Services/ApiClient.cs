using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using ShortScience.Contracts;

namespace ShortScience.Web.Services;

/// <summary>
/// The Web host's only way to the data: the API over HTTP. Calls carry the signed-in person's bearer
/// token (kept in the Web host's cookie, never sent to the browser). Resolved per request or circuit.
/// </summary>
public sealed partial class ApiClient(HttpClient http, AuthenticationStateProvider auth, UserTokens tokens, IHttpContextAccessor context)
{
    public Task<Page<SummaryListItem>> GetSummariesAsync(string sort, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<SummaryListItem>>($"api/v1/summaries?sort={Uri.EscapeDataString(sort)}{CursorQuery(cursor)}", ct)!;

    public Task<PaperDetail?> GetPaperAsync(string key, CancellationToken ct = default) =>
        GetAsync<PaperDetail>($"api/v1/papers/{Uri.EscapeDataString(key)}", ct, notFoundIsNull: true);

    public Task<List<VenueListItem>> GetVenuesAsync(CancellationToken ct = default) =>
        GetAsync<List<VenueListItem>>("api/v1/venues", ct)!;

    static string CursorQuery(string? cursor) => cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}";

    /// <summary>GET that treats any refusal as exceptional (pages that only read).</summary>
    public async Task<T?> GetAsync<T>(string path, CancellationToken ct = default, bool notFoundIsNull = false) where T : class
    {
        var result = await SendAsync<T>(HttpMethod.Get, path, null, ct);
        if (result.Problem is { } problem)
        {
            if (notFoundIsNull && problem.Status == 404) return null;
            throw new ApiRequestException((HttpStatusCode)problem.Status, problem.Detail ?? problem.Title ?? "");
        }
        return result.Value;
    }

    /// <summary>Sends a request; a 4xx answer comes back as <see cref="ApiResult{T}.Problem"/> for the page to show.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct = default, string? bearer = null)
    {
        // bearer: null = the signed-in person's token; "" = no token; anything else = that token.
        var token = bearer is null ? await tokens.AccessTokenAsync(auth) : bearer.Length == 0 ? null : bearer;
        using var response = await SendRawAsync(method, path, body, token, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && bearer is null && token is not null)
        {
            // The access token ran out during a long circuit: refresh once, then give up.
            var refreshed = await tokens.RefreshAsync(this, auth, ct);
            if (refreshed is null) throw new SessionEndedException();
            using var retry = await SendRawAsync(method, path, body, refreshed, ct);
            return await ReadAsync<T>(retry, path, ct);
        }
        return await ReadAsync<T>(response, path, ct);
    }

    async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The API limits sign-ups and posts per visitor: tell it who the visitor is, not this host.
        if (context.HttpContext?.Connection.RemoteIpAddress is { } ip) request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip.ToString());
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ApiUnavailableException($"The API did not answer {method} {path}.", ex);
        }
    }

    static async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status >= 500 || status == 0)
        {
            throw new ApiUnavailableException($"The API answered {status} for {path}.");
        }
        if (!response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, ct));
        }
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted || response.Content.Headers.ContentLength == 0)
        {
            return new ApiResult<T>(default, null);
        }
        try
        {
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException ex)
        {
            throw new ApiUnavailableException($"The API sent an unreadable answer for {path}.", ex);
        }
    }
}

public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>An RFC 7807 answer from the API, with per-field errors when it was a validation problem.</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The whole problem document, for extensions such as a save conflict's two texts.</summary>
    public JsonElement? Body { get; init; }

    public T? Extension<T>(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value)
            ? value.Deserialize<T>(JsonSerializerOptions.Web) : default;

    /// <summary>What to tell the person: the detail, else the field errors, else the title.</summary>
    public string Message => Detail ?? (Errors.Count > 0 ? string.Join(" ", Errors.Values.SelectMany(e => e)) : Title ?? $"The request failed ({Status}).");

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages) : null;

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var body = json.Deserialize<ProblemBody>(JsonSerializerOptions.Web);
            return new ApiProblem(status, body?.Title, body?.Detail, body?.Errors ?? new Dictionary<string, string[]>()) { Body = json };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return new ApiProblem(status, response.ReasonPhrase, null, new Dictionary<string, string[]>());
        }
    }

    sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}

/// <summary>The API could not be reached or failed; pages answer 503 with a readable explanation.</summary>
public sealed class ApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The API refused a request a reading page needed.</summary>
public sealed class ApiRequestException(HttpStatusCode status, string detail)
    : Exception($"The API answered {(int)status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The API no longer accepts this person's session (signed out elsewhere, password changed).</summary>
public sealed class SessionEndedException() : Exception("The session has ended; sign in again.");

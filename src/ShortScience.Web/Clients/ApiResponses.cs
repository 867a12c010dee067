using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortScience.Web.Clients;

/// <summary>
/// How every client talks to the API: a refusal (4xx) is a problem for the page to show; no answer, a failure (5xx)
/// or an unreadable answer means the API is unavailable, and the page answers 503 (WebServiceExtensions).
/// </summary>
public static class ApiResponses
{
    /// <summary>A request to the API; a body that is not already <see cref="HttpContent"/> goes as JSON.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, object? body = null) => new(method, path)
    {
        Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body, body.GetType()) },
    };

    /// <summary>Sent without the signed-in person's token (sign-in, sign-up, public lookups).</summary>
    public static HttpRequestMessage Anonymous(this HttpRequestMessage request)
    {
        request.Options.Set(UserTokenHandler.Anonymous, true);
        return request;
    }

    /// <summary>Sent with this token rather than the signed-in person's (a fresh sign-in, before the cookie exists).</summary>
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string accessToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    public static Task<ApiResult<T>> SendAsync<T>(this HttpClient http, HttpMethod method, string path, object? body = null, CancellationToken ct = default) =>
        http.SendAsync<T>(Request(method, path, body), ct);

    /// <summary>
    /// Sends a request; a 4xx answer comes back as <see cref="ApiResult{T}.Problem"/>. With
    /// <paramref name="upstreamFailureIsProblem"/>, so does a 502/504 problem from the API: a metadata service it asked
    /// failed, which the import form explains, while the API itself works.
    /// </summary>
    public static async Task<ApiResult<T>> SendAsync<T>(this HttpClient http, HttpRequestMessage request, CancellationToken ct,
        bool upstreamFailureIsProblem = false)
    {
        using (request)
        using (var response = await http.SendOrUnavailableAsync(request, ct))
        {
            var status = (int)response.StatusCode;
            var upstream = upstreamFailureIsProblem && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if ((status >= 500 || status == 0) && !upstream)
            {
                throw new ApiUnavailableException($"The API answered {status} for {request.RequestUri}.");
            }
            if (!response.IsSuccessStatusCode) return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, ct));
            if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted || response.Content.Headers.ContentLength == 0)
            {
                return new ApiResult<T>(default, null);
            }
            try
            {
                return new ApiResult<T>(await ReadJsonAsync<T>(response.Content, http.Timeout, ct), null);
            }
            catch (JsonException ex)
            {
                throw new ApiUnavailableException($"The API sent an unreadable answer for {request.RequestUri}.", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new ApiUnavailableException($"The API's answer for {request.RequestUri} broke off.", ex);
            }
        }
    }

    /// <summary>
    /// The answer's JSON, read whole into a buffer borrowed from the pool and parsed in one synchronous pass: cheaper than
    /// the resumable reader (which restarts records whose long strings cross its buffer) and than HttpClient buffering
    /// the body itself (its buffer, then a copy as a byte array: two allocations of the page's whole document). The
    /// body must arrive within the client's timeout, as with HttpClient's own buffering.
    /// </summary>
    static async Task<T?> ReadJsonAsync<T>(HttpContent content, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        await using var stream = await content.ReadAsStreamAsync(deadline.Token);
        // One byte over the promised length, so reading the end never grows the buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is > 0 and < int.MaxValue and var length ? (int)length + 1 : 16 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(filled), deadline.Token);
                if (read == 0) break;
                filled += read;
            }
            return JsonSerializer.Deserialize<T>(buffer.AsSpan(0, filled), JsonSerializerOptions.Web);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A GET for a page that only reads: null when there is no such thing (404), any other refusal is exceptional.</summary>
    public static async Task<T?> GetOrNullAsync<T>(this HttpClient http, string path, CancellationToken ct) where T : class
    {
        var result = await http.SendAsync<T>(HttpMethod.Get, path, null, ct);
        return result.Problem switch
        {
            null => result.Value,
            { Status: 404 } => null,
            var problem => throw new ApiRequestException((HttpStatusCode)problem.Status, problem.Detail ?? problem.Title ?? ""),
        };
    }

    /// <summary>A GET for a page that only reads something that always exists: any refusal is exceptional.</summary>
    public static async Task<T> GetRequiredAsync<T>(this HttpClient http, string path, CancellationToken ct) where T : class
    {
        var result = await http.SendAsync<T>(HttpMethod.Get, path, null, ct);
        return result.Problem is { } problem
            ? throw new ApiRequestException((HttpStatusCode)problem.Status, problem.Detail ?? problem.Title ?? "")
            : result.Value!;
    }

    /// <summary>
    /// A public GET, for crawlers and old links whoever follows them, sent without the person's token: the value, or
    /// null when the API refuses (no such identifier, nothing to pick from).
    /// </summary>
    public static async Task<T?> GetPublicOrNullAsync<T>(this HttpClient http, string path, CancellationToken ct) where T : class =>
        (await http.SendAsync<T>(Request(HttpMethod.Get, path).Anonymous(), ct)).Value;

    /// <summary>A file (BibTeX, OPML) as the API sent it, or null when the API refuses it.</summary>
    public static async Task<byte[]?> GetFileOrNullAsync(this HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendOrUnavailableAsync(request, ct))
        {
            if ((int)response.StatusCode >= 500) throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for {request.RequestUri}.");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(ct) : null;
        }
    }

    /// <summary>A file as the API sent it, or the API's refusal as it gave it (404, or 400 with its reason).</summary>
    public static async Task<ApiResult<byte[]>> GetFileAsync(this HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendOrUnavailableAsync(request, ct))
        {
            if ((int)response.StatusCode >= 500) throw new ApiUnavailableException($"The API answered {(int)response.StatusCode} for {request.RequestUri}.");
            return response.IsSuccessStatusCode
                ? new ApiResult<byte[]>(await response.Content.ReadAsByteArrayAsync(ct), null)
                : new ApiResult<byte[]>(null, await ApiProblem.ReadAsync(response, ct));
        }
    }

    /// <summary>
    /// The longest API address a request may have. Forms put what people typed into addresses (a user name to ban);
    /// one far past the API server's request-line limit would be cut off mid-send, so it is refused here as bad input.
    /// </summary>
    public const int MaxAddressChars = 4096;

    static async Task<HttpResponseMessage> SendOrUnavailableAsync(this HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri?.OriginalString.Length > MaxAddressChars)
        {
            throw new ApiRequestException(HttpStatusCode.BadRequest, "A value in this request is far too long.");
        }
        try
        {
            // The body is read by the caller (ReadJsonAsync, into a pooled buffer), not buffered by HttpClient.
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ApiUnavailableException($"The API did not answer {request.Method} {request.RequestUri}.", ex);
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

/// <summary>
/// The API refused a request a reading page needed. A refusal of what the person asked for (a malformed cursor, a
/// query the API will not run) is answered with the same 4xx and a readable page (RequestProblems).
/// </summary>
public sealed class ApiRequestException(HttpStatusCode status, string detail)
    : Exception($"The API answered {(int)status}: {detail}")
{
    public int Status { get; } = (int)status;

    /// <summary>What the API said was wrong, to show on the page.</summary>
    public string Detail { get; } = detail;
}

/// <summary>The API no longer accepts this person's session (signed out elsewhere, password changed).</summary>
public sealed class SessionEndedException() : Exception("The session has ended; sign in again.");

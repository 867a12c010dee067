namespace ShortScience.Web.Clients;

/// <summary>The signed-in person's own data: the export zip (/me/export) and account deletion (/me/delete).</summary>
public sealed class MyDataClient(HttpClient http)
{
    public Task<byte[]?> ExportAsync(CancellationToken ct = default) =>
        http.GetFileOrNullAsync(ApiResponses.Request(HttpMethod.Get, "api/v1/me/export"), ct);

    public Task<ApiResult<object>> DeleteAccountAsync(string password, bool keepSummaries, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, "api/v1/me/delete", new { password, keepSummaries }, ct);
}

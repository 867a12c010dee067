using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiQuery;

namespace ShortScience.Web.Clients;

/// <summary>Reports from readers (/flags) and the moderators' queue, actions and audit log (/moderation).</summary>
public sealed class ModerationClient(HttpClient http)
{
    public Task<ApiResult<object>> FlagAsync(FlagRequest request, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, "api/v1/flags", request, ct);

    public Task<ApiResult<Page<FlagView>>> GetFlagsAsync(string status, CancellationToken ct = default) =>
        http.SendAsync<Page<FlagView>>(HttpMethod.Get, $"api/v1/moderation/flags?status={E(status)}", null, ct);

    public Task<ApiResult<Page<ModerationLogEntry>>> GetLogAsync(CancellationToken ct = default) =>
        http.SendAsync<Page<ModerationLogEntry>>(HttpMethod.Get, "api/v1/moderation/log", null, ct);

    public Task<ApiResult<object>> DismissFlagAsync(long id, string? reason, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/flags/{id}/dismiss", new FlagResolution(reason), ct);

    public Task<ApiResult<object>> HideFlaggedAsync(long id, string reason, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/flags/{id}/hide", new ModerationRequest(reason), ct);

    public Task<ApiResult<object>> RestoreAsync(string targetType, string targetId, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/{E(targetType)}/{E(targetId)}/restore", new ModerationRequest(""), ct);

    public Task<ApiResult<object>> BanAsync(string userName, string reason, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/users/{E(userName)}/ban", new BanRequest(reason), ct);

    public Task<ApiResult<object>> UnbanAsync(string userName, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, $"api/v1/moderation/users/{E(userName)}/unban", null, ct);

    /// <summary>Every moderator and admin, with who granted the role (admins only).</summary>
    public Task<ApiResult<List<StaffMember>>> GetStaffAsync(CancellationToken ct = default) =>
        http.SendAsync<List<StaffMember>>(HttpMethod.Get, "api/v1/moderation/moderators", null, ct);

    /// <summary>An admin makes someone a moderator (true) or takes the role back (false); the API logs who did it.</summary>
    public Task<ApiResult<object>> SetModeratorAsync(string userName, bool moderator, CancellationToken ct = default) =>
        http.SendAsync<object>(moderator ? HttpMethod.Put : HttpMethod.Delete, $"api/v1/moderation/moderators/{E(userName)}", null, ct);

    /// <summary>Proposed corrections to papers' facts: pending, applied or rejected.</summary>
    public Task<ApiResult<List<PaperEditView>>> GetPaperEditsAsync(string status, CancellationToken ct = default) =>
        http.SendAsync<List<PaperEditView>>(HttpMethod.Get, $"api/v1/paper-edits?status={E(status)}", null, ct);

    /// <summary>A moderator applies (true) or rejects (false) a proposed edit, with an optional reason for the log.</summary>
    public Task<ApiResult<PaperEditView>> ReviewPaperEditAsync(long id, bool apply, string? reason, CancellationToken ct = default) =>
        http.SendAsync<PaperEditView>(HttpMethod.Post, $"api/v1/paper-edits/{id}/{(apply ? "apply" : "reject")}", new ReviewEditRequest(reason), ct);
}

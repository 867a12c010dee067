using ShortScience.Contracts;
using static ShortScience.Web.Clients.ApiResponses;

namespace ShortScience.Web.Clients;

/// <summary>Signing up and in, and email and password flows (/auth); the signed-in person's account (/me).</summary>
public sealed class AccountsClient(HttpClient http)
{
    public Task<ApiResult<TokenResponse>> LoginAsync(string userNameOrEmail, string password, CancellationToken ct = default) =>
        PostAnonymousAsync<TokenResponse>("api/v1/auth/login", new LoginRequest(userNameOrEmail, password), ct);

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, CancellationToken ct = default) =>
        PostAnonymousAsync<TokenResponse>("api/v1/auth/refresh", new RefreshRequest(refreshToken), ct);

    public Task<ApiResult<Me>> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        PostAnonymousAsync<Me>("api/v1/auth/register", request, ct);

    public Task<ApiResult<object>> ConfirmEmailAsync(Guid userId, string code, CancellationToken ct = default) =>
        PostAnonymousAsync<object>("api/v1/auth/confirm-email", new ConfirmEmailRequest(userId, code), ct);

    public Task<ApiResult<object>> ResendConfirmationAsync(string email, CancellationToken ct = default) =>
        PostAnonymousAsync<object>("api/v1/auth/resend-confirmation", new EmailRequest(email), ct);

    public Task<ApiResult<object>> ForgotPasswordAsync(string email, CancellationToken ct = default) =>
        PostAnonymousAsync<object>("api/v1/auth/forgot-password", new EmailRequest(email), ct);

    public Task<ApiResult<object>> ResetPasswordAsync(ResetPasswordRequest request, CancellationToken ct = default) =>
        PostAnonymousAsync<object>("api/v1/auth/reset-password", request, ct);

    public Task<ApiResult<object>> LogoutAsync(string accessToken, CancellationToken ct = default) =>
        http.SendAsync<object>(Request(HttpMethod.Post, "api/v1/auth/logout").WithToken(accessToken), ct);

    /// <summary>The account behind a fresh access token (right after sign-in, before the cookie exists).</summary>
    public Task<ApiResult<Me>> GetMeAsync(string accessToken, CancellationToken ct = default) =>
        http.SendAsync<Me>(Request(HttpMethod.Get, "api/v1/me").WithToken(accessToken), ct);

    public Task<ApiResult<Me>> GetMeAsync(CancellationToken ct = default) => http.SendAsync<Me>(HttpMethod.Get, "api/v1/me", null, ct);

    public Task<ApiResult<Me>> UpdateProfileAsync(ProfileUpdate update, CancellationToken ct = default) =>
        http.SendAsync<Me>(HttpMethod.Put, "api/v1/me/profile", update, ct);

    public Task<ApiResult<object>> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        http.SendAsync<object>(HttpMethod.Post, "api/v1/me/password", request, ct);

    // Before signing in there is no one's token to send.
    Task<ApiResult<T>> PostAnonymousAsync<T>(string path, object body, CancellationToken ct) =>
        http.SendAsync<T>(Request(HttpMethod.Post, path, body).Anonymous(), ct);
}

using ShortScience.Contracts;

namespace ShortScience.Web.Services;

public sealed partial class ApiClient
{
    public Task<ApiResult<TokenResponse>> LoginAsync(string userNameOrEmail, string password, CancellationToken ct = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "api/v1/auth/login", new LoginRequest(userNameOrEmail, password), ct, bearer: "");

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, CancellationToken ct = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "api/v1/auth/refresh", new RefreshRequest(refreshToken), ct, bearer: "");

    public Task<ApiResult<Me>> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        SendAsync<Me>(HttpMethod.Post, "api/v1/auth/register", request, ct, bearer: "");

    public Task<ApiResult<object>> ConfirmEmailAsync(Guid userId, string code, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/auth/confirm-email", new ConfirmEmailRequest(userId, code), ct, bearer: "");

    public Task<ApiResult<object>> ResendConfirmationAsync(string email, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/auth/resend-confirmation", new EmailRequest(email), ct, bearer: "");

    public Task<ApiResult<object>> ForgotPasswordAsync(string email, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/auth/forgot-password", new EmailRequest(email), ct, bearer: "");

    public Task<ApiResult<object>> ResetPasswordAsync(ResetPasswordRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/auth/reset-password", request, ct, bearer: "");

    public Task<ApiResult<object>> LogoutAsync(string accessToken, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/auth/logout", null, ct, bearer: accessToken);

    /// <summary>The account behind a fresh access token (right after sign-in, before the cookie exists).</summary>
    public Task<ApiResult<Me>> GetMeAsync(string accessToken, CancellationToken ct = default) =>
        SendAsync<Me>(HttpMethod.Get, "api/v1/me", null, ct, bearer: accessToken);

    public Task<ApiResult<Me>> GetMeAsync(CancellationToken ct = default) => SendAsync<Me>(HttpMethod.Get, "api/v1/me", null, ct);

    public Task<ApiResult<Me>> UpdateProfileAsync(ProfileUpdate update, CancellationToken ct = default) =>
        SendAsync<Me>(HttpMethod.Put, "api/v1/me/profile", update, ct);

    public Task<ApiResult<object>> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/me/password", request, ct);

    public Task<UserProfile?> GetUserAsync(string name, CancellationToken ct = default) =>
        GetAsync<UserProfile>($"api/v1/users/{Uri.EscapeDataString(name)}", ct, notFoundIsNull: true);
}

using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;

namespace ShortScience.Api.Moderation;

/// <summary>Admins decide who moderates: list the staff, grant and revoke the moderator role (logged).</summary>
public static class RolesApi
{
    /// <param name="moderation">The moderators' root (<c>/moderation</c>); these routes are for admins only.</param>
    public static void MapRolesApi(this RouteGroupBuilder moderation)
    {
        var admin = moderation.MapGroup("/moderators").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync);
        admin.MapPut("/{name}", GrantAsync);
        admin.MapDelete("/{name}", RevokeAsync);
    }

    static async Task<Ok<List<StaffMember>>> ListAsync(RoleChanges roles, CancellationToken ct) => TypedResults.Ok(await roles.StaffAsync(ct));

    static async Task<Results<NoContent, ProblemHttpResult>> GrantAsync(string name, HttpContext http, RoleChanges roles, CancellationToken ct) =>
        Answer(name, await roles.SetModeratorAsync(http.User.RequiredUserId(), name, true, ct));

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string name, HttpContext http, RoleChanges roles, CancellationToken ct) =>
        Answer(name, await roles.SetModeratorAsync(http.User.RequiredUserId(), name, false, ct));

    static Results<NoContent, ProblemHttpResult> Answer(string name, RoleChange outcome) => outcome switch
    {
        RoleChange.NoSuchUser => Problems.NotFound($"There is no user '{name}'."),
        RoleChange.OwnAccount => Problems.Conflict("Nobody changes their own role; ask another admin."),
        RoleChange.Banned => Problems.Conflict($"'{name}' is banned; lift the ban before giving them a role."),
        RoleChange.NotConfirmed => Problems.Conflict($"'{name}' has not confirmed their email address yet; only members can moderate."),
        RoleChange.TargetIsAdmin => Problems.Conflict($"'{name}' is an admin, and admins always moderate; admin rights are changed on the server."),
        _ => TypedResults.NoContent(),
    };
}

namespace ShortScience.Contracts;

/// <summary>
/// The roles a person holds. A reader has signed up but not confirmed their email; a member may write, comment, vote
/// and report; moderators and admins keep the site. A ban (not a role) takes every power away, whatever the roles.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Member = "member";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Reader, Member, Moderator, Admin];
}

using System.Security.Claims;
using ShortScience.Api.Accounts;
using ShortScience.Contracts;

namespace ShortScience.Api.Summaries;

/// <summary>Who may read a summary that is not published, and whose name an anonymous summary shows.</summary>
public static class SummaryAccess
{
    /// <summary>A summary that is not (or no longer) published is seen by its author and moderators only.</summary>
    public static bool CanSee(SummaryStatus status, Guid authorId, ClaimsPrincipal user) =>
        status == SummaryStatus.Published || user.UserId() == authorId || user.IsModerator();

    /// <summary>Anonymous summaries name their author only to the author and to moderators.</summary>
    public static UserRef? Byline(bool anonymous, Guid authorId, string userName, string displayName, ClaimsPrincipal viewer) =>
        anonymous && viewer.UserId() != authorId && !viewer.IsModerator() ? null : new UserRef(userName, displayName);
}

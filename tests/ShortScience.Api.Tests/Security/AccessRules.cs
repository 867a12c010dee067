namespace ShortScience.Api.Tests.Security;

/// <summary>Who may call a route. Anything else answers 401 (not signed in) or 403 (signed in, not allowed).</summary>
public enum Access
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Any signed-in person, unconfirmed readers and banned people included (their own account, inbox, data).</summary>
    SignedIn,

    /// <summary>Anyone signed in, unconfirmed readers included, unless banned (reports).</summary>
    SignedInNotBanned,

    /// <summary>Confirmed members who are not banned (moderators and admins are members too, unless banned).</summary>
    Member,

    /// <summary>Members, but not on their own content (votes).</summary>
    MemberNotOwner,

    /// <summary>Only the author of the content.</summary>
    Owner,

    /// <summary>The author, or a moderator.</summary>
    OwnerOrModerator,
    Moderator,
    Admin,
}

/// <summary>
/// The expected access of every API route. A route the API serves that is missing here fails
/// <see cref="AuthorizationMatrixTests"/>: whoever adds a route decides, in this table, who may call it.
/// </summary>
public static class AccessRules
{
    public static readonly Dictionary<string, Access> Routes = new()
    {
        ["ANY /health"] = Access.Public,
        ["ANY /health/live"] = Access.Public, // a balancer's liveness probe: answers while the process runs
        ["ANY /health/ready"] = Access.Public, // readiness: false while draining or without the database
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["GET /internal/cache-events"] = Access.Public,

        ["POST /api/v1/auth/register"] = Access.Public,
        ["POST /api/v1/auth/login"] = Access.Public,
        ["POST /api/v1/auth/refresh"] = Access.Public,
        ["POST /api/v1/auth/logout"] = Access.SignedIn,
        ["POST /api/v1/auth/confirm-email"] = Access.Public,
        ["POST /api/v1/auth/resend-confirmation"] = Access.Public,
        ["POST /api/v1/auth/forgot-password"] = Access.Public,
        ["POST /api/v1/auth/reset-password"] = Access.Public,
        ["GET /api/v1/unsubscribe/{token}"] = Access.Public,
        ["POST /api/v1/unsubscribe/{token}"] = Access.Public,
        ["DELETE /api/v1/unsubscribe/{token}"] = Access.Public,

        ["GET /api/v1/me/"] = Access.SignedIn,
        ["PUT /api/v1/me/profile"] = Access.SignedIn,
        ["POST /api/v1/me/password"] = Access.SignedIn,
        ["GET /api/v1/me/export"] = Access.SignedIn,
        ["POST /api/v1/me/delete"] = Access.SignedIn,
        ["GET /api/v1/notifications/"] = Access.SignedIn,
        ["GET /api/v1/notifications/unread-count"] = Access.SignedIn,
        ["POST /api/v1/notifications/read"] = Access.SignedIn,

        ["GET /api/v1/users/{name}"] = Access.Public,
        ["GET /api/v1/users/{name}/summaries"] = Access.Public,
        ["GET /api/v1/users/{name}/comments"] = Access.Public,
        ["GET /api/v1/users/{name}/questions"] = Access.Public,
        ["GET /api/v1/users/{name}/answers"] = Access.Public,
        ["GET /api/v1/users/{name}/bibtex"] = Access.Public,

        // Following (issue 8): one's own follows, timeline and private feed address; banned people keep reading.
        ["DELETE /api/v1/me/feed/"] = Access.SignedIn,
        ["DELETE /api/v1/me/follows/{type}/{**key}"] = Access.SignedIn,
        ["GET /api/v1/me/feed/"] = Access.SignedIn,
        ["GET /api/v1/me/follows"] = Access.SignedIn,
        ["GET /api/v1/me/follows.opml"] = Access.SignedIn,
        ["GET /api/v1/me/follows/{type}/{**key}"] = Access.SignedIn,
        ["GET /api/v1/me/timeline"] = Access.SignedIn,
        ["POST /api/v1/me/feed/regenerate"] = Access.SignedIn,
        ["PUT /api/v1/me/follows/{type}/{**key}"] = Access.SignedIn,

        // Feeds: public; the private feed is guarded by its secret token (a wrong one is 404), not by sign-in.
        ["GET /feeds/authors/{slug}.atom"] = Access.Public,
        ["GET /feeds/authors/{slug}.rss"] = Access.Public,
        ["GET /feeds/comments.atom"] = Access.Public,
        ["GET /feeds/comments.rss"] = Access.Public,
        ["GET /feeds/following/{token}.atom"] = Access.Public,
        ["GET /feeds/following/{token}.rss"] = Access.Public,

        // Reading list (issue 19): only one's own list, its BibTeX and its private feed address; the feed is keyed by its token.
        ["GET /api/v1/me/reading-list"] = Access.SignedIn,
        ["GET /api/v1/me/reading-list.bib"] = Access.SignedIn,
        ["GET /api/v1/me/reading-list.ris"] = Access.SignedIn,
        ["GET /api/v1/me/reading-list.json"] = Access.SignedIn,
        ["GET /api/v1/me/reading-list/{key}"] = Access.SignedIn,
        ["PUT /api/v1/me/reading-list/{key}"] = Access.SignedIn,
        ["DELETE /api/v1/me/reading-list/{key}"] = Access.SignedIn,
        ["GET /api/v1/me/reading-list-feed/"] = Access.SignedIn,
        ["POST /api/v1/me/reading-list-feed/regenerate"] = Access.SignedIn,
        ["DELETE /api/v1/me/reading-list-feed/"] = Access.SignedIn,
        // One's own standing with a paper (follows, reading list) for its page's buttons.
        ["GET /api/v1/me/papers/{key}"] = Access.SignedIn,
        ["GET /api/v1/me/work"] = Access.SignedIn,
        ["GET /feeds/reading-list/{token}.atom"] = Access.Public,
        ["GET /feeds/reading-list/{token}.rss"] = Access.Public,
        ["GET /feeds/papers/{key}.atom"] = Access.Public,
        ["GET /feeds/papers/{key}.rss"] = Access.Public,
        ["GET /feeds/search.atom"] = Access.Public,
        ["GET /feeds/search.rss"] = Access.Public,
        ["GET /feeds/summaries.atom"] = Access.Public,
        ["GET /feeds/summaries.rss"] = Access.Public,
        ["GET /feeds/tags/{tag}.atom"] = Access.Public,
        ["GET /feeds/tags/{tag}.rss"] = Access.Public,
        ["GET /feeds/users/{name}.atom"] = Access.Public,
        ["GET /feeds/users/{name}.rss"] = Access.Public,
        ["GET /feeds/venues/{slug}.atom"] = Access.Public,
        ["GET /feeds/venues/{slug}.rss"] = Access.Public,
        ["GET /feeds/venues/{slug}/{year}.atom"] = Access.Public,
        ["GET /feeds/venues/{slug}/{year}.rss"] = Access.Public,
        ["GET /feeds/years/{year}.atom"] = Access.Public,
        ["GET /feeds/years/{year}.rss"] = Access.Public,
        ["GET /feeds/questions.atom"] = Access.Public,
        ["GET /feeds/questions.rss"] = Access.Public,
        ["GET /feeds/papers/{key}/questions.atom"] = Access.Public,
        ["GET /feeds/papers/{key}/questions.rss"] = Access.Public,

        // Browsing and search (issue 7): all public reads.
        ["GET /api/v1/authors/{slug}/papers"] = Access.Public,
        ["GET /api/v1/lookup/paper"] = Access.Public,
        ["GET /api/v1/lookup/venue"] = Access.Public,
        ["GET /api/v1/search/"] = Access.Public,
        ["GET /api/v1/search/suggest"] = Access.Public,
        ["GET /api/v1/sitemap/"] = Access.Public,
        ["GET /api/v1/sitemap/pages"] = Access.Public,
        ["GET /api/v1/sitemap/papers/{part:int}"] = Access.Public,
        ["GET /api/v1/summaries/random"] = Access.Public,
        ["GET /api/v1/tags/{tag}"] = Access.Public,
        ["GET /api/v1/venues/{slug}/{year:int}"] = Access.Public,
        ["GET /api/v1/years/{year:int}"] = Access.Public,

        ["GET /api/v1/papers/"] = Access.Public,
        ["GET /api/v1/papers/{key}"] = Access.Public,
        ["GET /api/v1/papers/{key}/bibtex"] = Access.Public,
        ["GET /api/v1/papers/{key}/changes"] = Access.Public,
        ["GET /api/v1/papers/bibtex"] = Access.Public,
        ["POST /api/v1/papers/bibtex"] = Access.Public,
        ["POST /api/v1/papers/{key}/views"] = Access.Public,
        ["POST /api/v1/papers/"] = Access.Member,
        ["POST /api/v1/papers/import"] = Access.Member,
        ["GET /api/v1/papers/import/progress/{token}"] = Access.Member,
        ["POST /api/v1/papers/{key}/edits"] = Access.Member,
        ["PATCH /api/v1/papers/{key}"] = Access.Moderator,
        ["GET /api/v1/paper-edits/"] = Access.Moderator,
        ["POST /api/v1/paper-edits/{id:long}/apply"] = Access.Moderator,
        ["POST /api/v1/paper-edits/{id:long}/reject"] = Access.Moderator,

        ["GET /api/v1/venues/"] = Access.Public,
        ["GET /api/v1/venues/{slug}"] = Access.Public,
        ["GET /api/v1/venues/{slug}/{year:int}/bibtex"] = Access.Public,
        // Listing exports (issue 19): BibTeX, RIS and CSL-JSON of public listings.
        ["GET /api/v1/years/{year:int}/bibtex"] = Access.Public,
        ["GET /api/v1/tags/{tag}/bibtex"] = Access.Public,
        ["GET /api/v1/authors/{slug}/bibtex"] = Access.Public,
        ["GET /api/v1/search/bibtex"] = Access.Public,
        ["GET /api/v1/venues/{slug}/{year:int}/ris"] = Access.Public,
        ["GET /api/v1/users/{name}/ris"] = Access.Public,
        ["GET /api/v1/years/{year:int}/ris"] = Access.Public,
        ["GET /api/v1/tags/{tag}/ris"] = Access.Public,
        ["GET /api/v1/authors/{slug}/ris"] = Access.Public,
        ["GET /api/v1/search/ris"] = Access.Public,
        ["GET /api/v1/venues/{slug}/{year:int}/csl"] = Access.Public,
        ["GET /api/v1/users/{name}/csl"] = Access.Public,
        ["GET /api/v1/years/{year:int}/csl"] = Access.Public,
        ["GET /api/v1/tags/{tag}/csl"] = Access.Public,
        ["GET /api/v1/authors/{slug}/csl"] = Access.Public,
        ["GET /api/v1/search/csl"] = Access.Public,
        ["POST /api/v1/venues/{slug}/merge"] = Access.Moderator,
        ["GET /api/v1/authors/{slug}"] = Access.Public,
        ["POST /api/v1/authors/{slug}/merge"] = Access.Moderator,

        ["GET /api/v1/summaries/"] = Access.Public,
        ["GET /api/v1/summaries/{id:long}"] = Access.Public,
        ["GET /api/v1/summaries/{id:long}/revisions"] = Access.Public,
        ["GET /api/v1/summaries/{id:long}/revisions/{number:int}"] = Access.Public,
        ["GET /api/v1/summaries/{id:long}/diff"] = Access.Public,
        ["GET /api/v1/summaries/{id:long}/comments"] = Access.Public,
        ["GET /api/v1/papers/{key}/summaries/mine/"] = Access.Member,
        ["PUT /api/v1/papers/{key}/summaries/mine/"] = Access.Member,
        ["PUT /api/v1/papers/{key}/summaries/mine/draft"] = Access.Member,
        ["DELETE /api/v1/papers/{key}/summaries/mine/draft"] = Access.Member,
        ["POST /api/v1/summaries/{id:long}/restore/{number:int}"] = Access.Owner,
        ["DELETE /api/v1/summaries/{id:long}/"] = Access.Owner,
        ["POST /api/v1/summaries/{id:long}/undelete"] = Access.Owner,
        ["POST /api/v1/summaries/{id:long}/hide"] = Access.Moderator,
        ["POST /api/v1/summaries/{id:long}/unhide"] = Access.Moderator,
        ["POST /api/v1/render/"] = Access.Public,

        ["POST /api/v1/summaries/{id:long}/comments"] = Access.Member,
        ["GET /api/v1/comments/{id:long}/"] = Access.Public,
        ["GET /api/v1/comments/{id:long}/revisions"] = Access.Public,
        ["PUT /api/v1/comments/{id:long}/"] = Access.Owner,
        ["DELETE /api/v1/comments/{id:long}/"] = Access.OwnerOrModerator,
        ["POST /api/v1/comments/{id:long}/undelete"] = Access.Owner,
        ["PUT /api/v1/votes/{targetType}/{id:long}"] = Access.MemberNotOwner,

        // Paper Q&A (issue 19): the asker edits and accepts; authors or moderators delete.
        ["GET /api/v1/papers/{key}/questions"] = Access.Public,
        ["POST /api/v1/papers/{key}/questions"] = Access.Member,
        ["GET /api/v1/questions"] = Access.Public,
        ["GET /api/v1/questions/{id:long}/"] = Access.Public,
        ["GET /api/v1/questions/{id:long}/revisions"] = Access.Public,
        ["PUT /api/v1/questions/{id:long}/"] = Access.Owner,
        ["DELETE /api/v1/questions/{id:long}/"] = Access.OwnerOrModerator,
        ["POST /api/v1/questions/{id:long}/accept/{answerId:long}"] = Access.Owner,
        ["DELETE /api/v1/questions/{id:long}/accept"] = Access.Owner,
        ["POST /api/v1/questions/{id:long}/answers"] = Access.Member,
        ["GET /api/v1/answers/{id:long}/"] = Access.Public,
        ["GET /api/v1/answers/{id:long}/revisions"] = Access.Public,
        ["PUT /api/v1/answers/{id:long}/"] = Access.Owner,
        ["DELETE /api/v1/answers/{id:long}/"] = Access.OwnerOrModerator,

        ["POST /api/v1/flags"] = Access.SignedInNotBanned,
        ["GET /api/v1/moderation/flags"] = Access.Moderator,
        ["POST /api/v1/moderation/flags/{id:long}/dismiss"] = Access.Moderator,
        ["POST /api/v1/moderation/flags/{id:long}/hide"] = Access.Moderator,
        ["POST /api/v1/moderation/{targetType}/{targetId}/hide"] = Access.Moderator,
        ["POST /api/v1/moderation/{targetType}/{targetId}/restore"] = Access.Moderator,
        ["POST /api/v1/moderation/users/{name}/ban"] = Access.Moderator,
        ["POST /api/v1/moderation/users/{name}/unban"] = Access.Moderator,
        ["GET /api/v1/moderation/log"] = Access.Moderator,
        ["POST /api/v1/moderation/figures/{hash}/take-down"] = Access.Moderator,

        ["POST /api/v1/figures"] = Access.Member,
        ["GET /figures/{name}.webp"] = Access.Public,
        // Roles: admins appoint and remove moderators; the first admin is made on the server (make-admin).
        ["GET /api/v1/moderation/moderators/"] = Access.Admin,
        ["PUT /api/v1/moderation/moderators/{name}"] = Access.Admin,
        ["DELETE /api/v1/moderation/moderators/{name}"] = Access.Admin,
    };

    /// <summary>
    /// Who calls: signed out; signed up but email not confirmed (a reader); a member; the author of the content the
    /// route acts on; a banned member; a moderator; a banned moderator; an admin. SECURITY.md's trust model is this table.
    /// </summary>
    public enum Caller { Anonymous, Reader, Member, Owner, Banned, Moderator, BannedModerator, Admin }

    /// <summary>True when the caller may pass; false when the answer must be 401 or 403.</summary>
    public static bool Allows(Access access, Caller caller) => (access, caller) switch
    {
        (Access.Public, _) => true,
        (_, Caller.Anonymous) => false,
        (Access.SignedIn, _) => true,
        (Access.SignedInNotBanned, var c) => c is not (Caller.Banned or Caller.BannedModerator),
        // A ban outranks every role, and a reader has not confirmed an address yet: neither passes anything else.
        (_, Caller.Banned or Caller.BannedModerator or Caller.Reader) => false,
        (Access.Member, _) => true,
        (Access.MemberNotOwner, var c) => c != Caller.Owner,
        (Access.Owner, var c) => c == Caller.Owner,
        (Access.OwnerOrModerator, var c) => c is Caller.Owner or Caller.Moderator or Caller.Admin,
        (Access.Moderator, var c) => c is Caller.Moderator or Caller.Admin,
        (Access.Admin, var c) => c == Caller.Admin,
        _ => false,
    };
}

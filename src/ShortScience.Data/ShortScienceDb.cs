using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ShortScience.Data.Entities;

namespace ShortScience.Data;

public sealed class ShortScienceDb(DbContextOptions<ShortScienceDb> options)
    : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<VenueAlias> VenueAliases => Set<VenueAlias>();
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<PaperAuthor> PaperAuthors => Set<PaperAuthor>();
    public DbSet<PaperEdit> PaperEdits => Set<PaperEdit>();
    public DbSet<PaperChange> PaperChanges => Set<PaperChange>();
    public DbSet<PaperAlias> PaperAliases => Set<PaperAlias>();
    public DbSet<PaperDocument> PaperDocuments => Set<PaperDocument>();
    public DbSet<PageEpoch> PageEpochs => Set<PageEpoch>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<ReadingListEntry> ReadingList => Set<ReadingListEntry>();
    public DbSet<Summary> Summaries => Set<Summary>();
    public DbSet<SummaryRevision> SummaryRevisions => Set<SummaryRevision>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentRevision> CommentRevisions => Set<CommentRevision>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionRevision> QuestionRevisions => Set<QuestionRevision>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<AnswerRevision> AnswerRevisions => Set<AnswerRevision>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<SummaryDailyStat> SummaryDailyStats => Set<SummaryDailyStat>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<ModerationAction> ModerationActions => Set<ModerationAction>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<AccountMailCount> AccountMailCounts => Set<AccountMailCount>();
    public DbSet<ImportProgress> ImportProgress => Set<ImportProgress>();
    public DbSet<Figure> Figures => Set<Figure>();
    public DbSet<FigureBlob> FigureBlobs => Set<FigureBlob>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(ShortScienceDb).Assembly);

        // Identity names its tables AspNet*; keep the schema in one style.
        builder.Entity<User>().ToTable("users");
        builder.Entity<Role>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }
}

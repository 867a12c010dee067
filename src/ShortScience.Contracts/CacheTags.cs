namespace ShortScience.Contracts;

/// <summary>
/// Names the API and the Web host share for output caching. With one Redis store for every replica of both hosts
/// (ConnectionStrings:Redis), the API evicts the Web host's <see cref="Pages"/> itself after a write.
/// </summary>
public static class CacheTags
{
    /// <summary>The API's cached anonymous reads.</summary>
    public const string Reads = "reads";

    /// <summary>The Web host's cached signed-out pages.</summary>
    public const string Pages = "pages";

    /// <summary>Prefix of every key both hosts keep in Redis.</summary>
    public const string RedisInstance = "shortscience:";
}

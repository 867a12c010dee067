namespace ShortScience.Contracts;

/// <summary>
/// A request that can say what is wrong with it before anything runs. The API checks every body that implements it
/// (one endpoint filter for every route); the Web forms state the same <see cref="Limits"/>.
/// </summary>
public interface IValidatable
{
    void Validate(Checks checks);
}

/// <summary>
/// A body whose endpoint checks these limits itself, together with rules only it can check, so that one answer names
/// every problem (a sign-up: a name too long and a password too common are told at once). The filter lets it pass.
/// </summary>
public interface IValidatedWhole : IValidatable;

/// <summary>What is wrong with a request, field by field (camelCase names, as the JSON has them).</summary>
public sealed class Checks
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>A long text (a summary, a comment) over its limit: answered 413 rather than 400.</summary>
    public bool TooLarge { get; private set; }

    public bool Failed => _errors.Count > 0;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Checks Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>A short text: at most <paramref name="max"/> characters; blank allowed unless <paramref name="required"/>.</summary>
    public Checks Text(string field, string? value, int max, string what, bool required = false)
    {
        if (required && Visible.IsBlank(value)) return Add(field, $"{Capital(what)} is required.");
        if (value is not null && value.Length > max) Add(field, $"{Capital(what)} can be at most {max:N0} characters; this one has {value.Length:N0}.");
        return this;
    }

    /// <summary>A long text a person writes: over the limit is "too large" (413).</summary>
    public Checks LongText(string field, string? value, int max, string what)
    {
        if (value is null || value.Length <= max) return this;
        TooLarge = true;
        return Add(field, $"{Capital(what)} can be at most {max:N0} characters; this one has {value.Length:N0}.");
    }

    /// <summary>A list of at most <paramref name="max"/> texts, each at most <paramref name="maxLength"/> characters.</summary>
    public Checks Texts(string field, IReadOnlyCollection<string?>? values, int max, int maxLength, string what)
    {
        if (values is null) return this;
        if (values.Count > max) return Add(field, $"At most {max:N0} {what} are allowed; this has {values.Count:N0}.");
        // JSON can say [null]: an item that is not a text is refused here rather than failing whatever reads it later.
        if (values.Any(v => v is null)) return Add(field, $"Each of the {what} must be a text; this list holds a null.");
        if (values.Any(v => v!.Length > maxLength)) Add(field, $"Each of the {what} can be at most {maxLength:N0} characters.");
        return this;
    }

    public Checks Count<T>(string field, IReadOnlyCollection<T>? values, int max, string what) =>
        values is not null && values.Count > max ? Add(field, $"At most {max:N0} {what} are allowed; this has {values.Count:N0}.") : this;

    /// <summary>An absolute http(s) address, if given: no javascript:, data: or relative links are stored.</summary>
    public Checks WebAddress(string field, string? url, string what)
    {
        if (string.IsNullOrWhiteSpace(url)) return this;
        if (url.Length > Limits.UrlChars) return Add(field, $"{Capital(what)} can be at most {Limits.UrlChars:N0} characters.");
        return IsWebAddress(url) ? this : Add(field, $"{Capital(what)} must be a web address starting with http:// or https://.");
    }

    public Checks Range(string field, int? value, int min, int max, string what) =>
        value is { } v && (v < min || v > max) ? Add(field, $"{Capital(what)} must be between {min} and {max}.") : this;

    /// <summary>
    /// An absolute http or https URL with a host, nothing else (the one rule for every link the site stores or shows).
    /// Surrounding spaces are forgiven; a control character or space inside, a backslash, any other scheme
    /// (javascript:, data:, vbscript:, whatever its case), a scheme-relative (//host) or relative address is refused.
    /// </summary>
    public static bool IsWebAddress(string? url) => WebAddressOrNull(url) is not null;

    /// <summary>The trimmed address when <see cref="IsWebAddress"/> holds, else null.</summary>
    public static string? WebAddressOrNull(string? url)
    {
        if (url is null) return null;
        var t = url.Trim();
        if (t.Length == 0 || t.Length > Limits.UrlChars) return null;
        if (!t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return null;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\') return null;
            if (char.IsHighSurrogate(c) && i + 1 < t.Length && char.IsLowSurrogate(t[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return null;
        }
        return Uri.TryCreate(t, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? t : null;
    }

    static string Capital(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];
}

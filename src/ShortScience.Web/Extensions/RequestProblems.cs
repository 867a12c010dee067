using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Extensions;

/// <summary>
/// A request the site cannot act on (a malformed address, a form without its antiforgery token, a body too large,
/// something the API refused) is the asker's problem, not the site's: it is answered with its 4xx status and a
/// readable page (Components/Pages/NotFound.razor for statuses, Error.razor for exceptions), never a 500. This is the
/// one place that decides which status such a request gets, so no page or form has to remember it.
/// </summary>
public static class RequestProblems
{
    static readonly object Key = new();

    /// <summary>The status an exception that escaped a page or form answers with.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        ApiUnavailableException => StatusCodes.Status503ServiceUnavailable,
        // The API refused what the address asked for (a malformed cursor, an unknown filter): the same refusal here.
        // A 401 means the person's token was not accepted for a public read; the page is simply not theirs to see.
        ApiRequestException { Status: StatusCodes.Status401Unauthorized } => StatusCodes.Status403Forbidden,
        ApiRequestException { Status: >= 400 and < 500 } api => api.Status,
        // Kestrel and model binding: a body too large (413), a malformed form or a value of the wrong type (400).
        BadHttpRequestException bad => bad.StatusCode,
        AntiforgeryValidationException anti => TooLarge(anti) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
        // The form reader's own limits (too many fields, a multipart body or section too long).
        InvalidDataException invalid => TooLarge(invalid) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The 4xx answers are the asker's mistake: logged as a warning by the request log, not as an error.</summary>
    public static bool IsAskersMistake(Exception exception) => StatusFor(exception) is >= 400 and < 500;

    /// <summary>Why the request was refused, in words for the page that shows the status (set before answering).</summary>
    public static void Explain(HttpContext context, string reason) => context.Items[Key] = reason;

    public static string? Explanation(HttpContext context) => context.Items.TryGetValue(Key, out var reason) ? reason as string : null;

    /// <summary>A body over Kestrel's or the form reader's size limit, wherever in the chain of causes it was found.</summary>
    static bool TooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return true;
            if (exception is InvalidDataException && exception.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Refuses, before the page or form runs, a request that cannot be read as the endpoint expects: a form post whose
    /// antiforgery token is missing or stale (or whose body could not even be read for it), and a query parameter a
    /// page reads as a number, date or flag that is none (Blazor would throw while binding it).
    /// </summary>
    public sealed class Middleware(RequestDelegate next)
    {
        public Task InvokeAsync(HttpContext context)
        {
            // Only where the endpoint checks a token (the page shown afterwards, re-run as a GET, still sees the verdict).
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } antiforgery
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                if (TooLarge(antiforgery.Error))
                {
                    return Refuse(context, StatusCodes.Status413PayloadTooLarge, null);
                }
                // An inner cause means the body could not even be read as a form (malformed, or characters it may not hold).
                return Refuse(context, StatusCodes.Status400BadRequest, antiforgery.Error?.InnerException is not null
                    ? "The form's contents could not be read. Go back, check what you typed and send it again."
                    : "The form could not be accepted: it was not sent from this site's page, or the page was open too long. " +
                      "Go back, reload the page and send it again.");
            }
            if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not { } page) return next(context);
            if (QueryParameters.FirstUnreadable(page.Type, context.Request.Query) is { } name)
            {
                return Refuse(context, StatusCodes.Status400BadRequest, $"The address's “{name}” parameter is not a value this page understands.");
            }
            // A post to a page names the form it comes from (_handler); without one Blazor answers a bare 400.
            if (HttpMethods.IsPost(context.Request.Method)
                && (!context.Request.HasFormContentType || string.IsNullOrEmpty(context.Request.Form["_handler"])))
            {
                return Refuse(context, StatusCodes.Status400BadRequest, "This page was sent something other than one of its forms.");
            }
            return PageAsync(context);
        }

        /// <summary>
        /// A page that refuses a form post itself (<c>_handler</c> naming no form on the page, as when the page changed
        /// since it was opened) sets a 400 with a plain-text type, and in some hosting setups writes a sentence of its
        /// own. Clearing the type lets the status-code pages show the readable page instead; a form post's answer is
        /// held until the page is done so that the sentence, already written, can still be replaced (posts are rare and
        /// their pages small; reading pages stream as before).
        /// </summary>
        async Task PageAsync(HttpContext context)
        {
            var response = context.Response;
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                await next(context);
                if (RefusedAsPlainText(response) && response.ContentLength is null or 0) ShowThePage(response);
                return;
            }
            var original = response.Body;
            using var held = new MemoryStream();
            response.Body = held;
            try
            {
                await next(context);
            }
            finally
            {
                response.Body = original;
            }
            if (RefusedAsPlainText(response))
            {
                // The one refusal Blazor makes of a post that names its form and passed the antiforgery check.
                Explain(context, "This page no longer has the form that was sent (it may have changed since it was opened). " +
                    "Open the page again and send the form from there.");
                ShowThePage(response);
                return;
            }
            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
        }

        static bool RefusedAsPlainText(HttpResponse response) =>
            !response.HasStarted && response.StatusCode is >= 400 and < 500
            && response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;

        static void ShowThePage(HttpResponse response)
        {
            response.ContentType = null;
            response.ContentLength = null;
        }

        static Task Refuse(HttpContext context, int status, string? reason)
        {
            if (reason is not null) Explain(context, reason);
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
    }

    /// <summary>The query parameters components bind with [SupplyParameterFromQuery], and whether a value parses as Blazor would.</summary>
    static class QueryParameters
    {
        static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> ByPage = new();

        /// <summary>Components that are not pages can be placed on any page; their parameters count everywhere.</summary>
        static readonly Lazy<(string Name, Type Type)[]> Shared = new(() =>
            [.. typeof(RequestProblems).Assembly.GetTypes()
                .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsDefined(typeof(RouteAttribute), inherit: false))
                .SelectMany(Of)]);

        public static string? FirstUnreadable(Type page, IQueryCollection query)
        {
            if (query.Count == 0) return null;
            foreach (var (name, type) in ByPage.GetOrAdd(page, p => [.. Of(p), .. Shared.Value]))
            {
                if (query.TryGetValue(name, out var values) && values.Any(v => !Parses(v, type))) return name;
            }
            return null;
        }

        static IEnumerable<(string Name, Type Type)> Of(Type component) =>
            from property in component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            let attribute = property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()
            where attribute is not null
            let type = property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType
            let plain = Nullable.GetUnderlyingType(type) ?? type
            where plain != typeof(string)
            select (attribute.Name ?? property.Name, plain);

        static bool Parses(string? value, Type type)
        {
            if (string.IsNullOrEmpty(value)) return true;
            var invariant = CultureInfo.InvariantCulture;
            return type switch
            {
                _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
                _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
                _ when type == typeof(bool) => bool.TryParse(value, out _),
                _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, invariant, out _),
                _ when type == typeof(float) => float.TryParse(value, NumberStyles.Float, invariant, out _),
                _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
                _ when type == typeof(Guid) => Guid.TryParse(value, out _),
                _ when type == typeof(DateTime) => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
                _ when type == typeof(DateOnly) => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
                _ when type == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
                _ => true,
            };
        }
    }
}

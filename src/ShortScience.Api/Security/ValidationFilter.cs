using ShortScience.Contracts;

namespace ShortScience.Api.Security;

/// <summary>
/// Checks every request body that knows its rules (<see cref="IValidatable"/>) before the endpoint runs: one place for
/// every limit on every list and string, so a new endpoint cannot forget them. 400 with the fields, or 413 for a
/// long text over its limit. A body that is <see cref="IValidatedWhole"/> is checked by its endpoint instead.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Checks? checks = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatable request and not IValidatedWhole) request.Validate(checks ??= new Checks());
        }
        if (checks is not { Failed: true }) return next(context);
        var errors = checks.Errors;
        return ValueTask.FromResult<object?>(checks.TooLarge
            ? TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too long",
                detail: string.Join(" ", errors.Values.SelectMany(m => m)), extensions: new Dictionary<string, object?> { ["errors"] = errors })
            : TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)),
                extensions: new Dictionary<string, object?> { ["parameter"] = errors.Keys.First() }));
    }

    /// <summary>The same rules for a body an endpoint reads by hand (an optional one): null when it passes.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refusal(IValidatable request)
    {
        var checks = new Checks();
        request.Validate(checks);
        if (!checks.Failed) return null;
        var errors = checks.Errors;
        return TypedResults.Problem(statusCode: checks.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            title: checks.TooLarge ? "Too long" : "One or more validation errors occurred.", detail: string.Join(" ", errors.Values.SelectMany(m => m)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors, ["parameter"] = errors.Keys.First() });
    }
}

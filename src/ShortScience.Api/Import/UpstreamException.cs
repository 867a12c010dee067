namespace ShortScience.Api.Import;

/// <summary>A metadata service could not be used: unreachable (502), too slow (504) or nonsensical (502).</summary>
public sealed class UpstreamException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
}

/// <summary>The input names no paper (unknown id, a service that has no record of it): 422.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);

namespace ShortScience.Core.Import;

public enum SourceFailure
{
    /// <summary>The service answered that it has no such record.</summary>
    NotFound,

    /// <summary>The service refused the identifier (malformed, unknown kind).</summary>
    Refused,

    /// <summary>The answer was not what the service documents: not XML/JSON, or missing its parts.</summary>
    Garbage,
}

/// <summary>A metadata service's answer that yields no paper; the message can be shown to the person.</summary>
public sealed class MetadataSourceException(SourceFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public SourceFailure Failure { get; } = failure;
}

namespace ShortScience.Core.Rendering;

public enum RefusalReason
{
    /// <summary>The text is longer than the renderer accepts.</summary>
    TooLong,

    /// <summary>Rendering took longer than the time limit.</summary>
    TooSlow,

    /// <summary>The text nests too deeply or needs too much memory.</summary>
    TooComplex,

    /// <summary>No math engine came free in time; not the text's fault.</summary>
    Busy,
}

/// <summary>A text the renderer will not render. The API answers with a problem detail (413, 422 or 503).</summary>
public sealed class RenderRefusedException(RefusalReason reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public RefusalReason Reason { get; } = reason;
}

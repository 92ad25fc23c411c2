namespace Cases.Domain;

/// <summary>
/// A failure whose message is said in both languages and read in the reader's: <see cref="Message"/> is chosen when it
/// is read (by the API's ProblemDetails or a page's error box, in the request's culture), not when it is thrown.
/// A failure raised with one string (a text already localized by the page, or a value quoted as it was sent) says that.
/// </summary>
public abstract class LocalizedException : Exception
{
    protected LocalizedException(LocalizedText text)
        : base(text.Zh)
    {
        Text = text;
    }

    protected LocalizedException(string message)
        : this(new LocalizedText(message, message))
    {
    }

    /// <summary>The message in both languages.</summary>
    public LocalizedText Text { get; }

    /// <summary>The message in the current UI culture's language.</summary>
    public override string Message => Text.Current;
}

/// <summary>The thing asked for does not exist, or the caller may not know that it does (answered as 404).</summary>
public sealed class NotFoundException : LocalizedException
{
    public NotFoundException(LocalizedText text)
        : base(text)
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }
}

/// <summary>The request lost a race or does not fit the current state (answered as 409 with the current state).</summary>
public sealed class ConflictException : LocalizedException
{
    public ConflictException(LocalizedText text, object? current = null)
        : base(text)
    {
        Current = current;
    }

    public ConflictException(string message, object? current = null)
        : base(message)
    {
        Current = current;
    }

    public object? Current { get; }
}

/// <summary>The caller is known but may not do this (answered as 403).</summary>
public sealed class ForbiddenException : LocalizedException
{
    public ForbiddenException(LocalizedText text)
        : base(text)
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }
}

namespace Cases.Domain;

/// <summary>The thing asked for does not exist, or the caller may not know that it does (answered as 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request lost a race or does not fit the current state (answered as 409 with the current state).</summary>
public sealed class ConflictException(string message, object? current = null) : Exception(message)
{
    public object? Current { get; } = current;
}

/// <summary>The caller is known but may not do this (answered as 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

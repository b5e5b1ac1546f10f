namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>The case does not exist or lies outside the user's need-to-know scope; the two look the same to the user.</summary>
public sealed class NotFoundOrNoAccessException(string what) : InvalidOperationException($"{what} was not found, or you do not have access to it.");

/// <summary>Someone else changed the case after this user loaded it; nothing was saved.</summary>
public sealed class ConcurrencyConflictException() : InvalidOperationException("The case was changed by someone else. Reload it and try again.");

/// <summary>The user's role may not do this at all (not a workflow question).</summary>
public sealed class ForbiddenException(string message) : InvalidOperationException(message);

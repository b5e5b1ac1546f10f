using System.Security.Claims;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>Who is acting: from the sign-in cookie, or set explicitly by the demo seeder and tests.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid UserId { get; }
    string Name { get; }
    Role Role { get; }
    Guid SchoolOwnerId { get; }
    Guid? SchoolId { get; }
    Actor Actor => new(UserId, Name, Role);
}

public static class AppClaims
{
    public const string SchoolId = "aktivitetsplikt:school";
    public const string SchoolOwnerId = "aktivitetsplikt:owner";
    public const string Culture = "aktivitetsplikt:culture";
    /// <summary>The server-side session (<see cref="Features.Account.UserSession"/>) the cookie belongs to.</summary>
    public const string SessionId = "aktivitetsplikt:session";

    public static ClaimsPrincipal For(UserAccount user, Guid sessionId, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(SessionId, sessionId.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(SchoolOwnerId, user.SchoolOwnerId.ToString()),
            new(Culture, user.Culture),
        };
        if (user.SchoolId is { } schoolId) claims.Add(new Claim(SchoolId, schoolId.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static Guid? UserIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    public static Guid? SessionIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SessionId)?.Value, out var id) ? id : null;
}

/// <summary>
/// The user of a request (its sign-in cookie), of an interactive circuit (the principal the circuit was
/// opened with, kept current by <see cref="CircuitUser"/>), or set explicitly by the demo seeder and tests.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    private UserAccount? _explicit;
    private ClaimsPrincipal? _circuit;

    /// <summary>Acts as this user for the rest of the scope (demo seeding, tests).</summary>
    public void ActAs(UserAccount user) => _explicit = user;

    /// <summary>
    /// The principal of an interactive circuit. A circuit has no HttpContext of its own (what the accessor
    /// returns there is the WebSocket's, or nothing), so its user is set here and preferred.
    /// </summary>
    public void UsePrincipal(ClaimsPrincipal principal) => _circuit = principal;

    /// <summary>The same user in another scope: each step from a circuit runs in a scope of its own.</summary>
    public void CopyTo(CurrentUser other)
    {
        other._explicit = _explicit;
        other._circuit = _circuit ?? http.HttpContext?.User;
    }

    private ClaimsPrincipal? Principal =>
        (_circuit ?? http.HttpContext?.User) is { Identity.IsAuthenticated: true } p ? p : null;

    public bool IsAuthenticated => _explicit is not null || Principal is not null;

    public Guid UserId => _explicit?.Id ?? Guid.Parse(Claim(ClaimTypes.NameIdentifier));
    public string Name => _explicit?.DisplayName ?? Claim(ClaimTypes.Name);
    public Role Role => _explicit?.Role ?? Enum.Parse<Role>(Claim(ClaimTypes.Role));
    public Guid SchoolOwnerId => _explicit?.SchoolOwnerId ?? Guid.Parse(Claim(AppClaims.SchoolOwnerId));
    public Guid? SchoolId => _explicit is not null
        ? _explicit.SchoolId
        : Principal?.FindFirst(AppClaims.SchoolId)?.Value is { } id ? Guid.Parse(id) : null;

    private string Claim(string type) =>
        Principal?.FindFirst(type)?.Value ?? throw new NotSignedInException();
}

public sealed class NotSignedInException() : InvalidOperationException("Nobody is signed in.");

namespace Aktivitetsplikt.Web.Features.Account;

/// <summary>The OpenID providers a user can sign in with: staff with Feide, guardians with ID-porten.</summary>
public enum ExternalProvider { Feide, IdPorten }

/// <summary>
/// A stable identifier at an OpenID provider, linked by the administrator to one of the app's users: for Feide the
/// configured claim's value as the provider sends it (never a display name); for ID-porten the keyed hash of the national
/// identity number (<see cref="IdentityNumberHasher"/>), never the number. Role and school come from the user, never
/// from the provider. Unlinked, never deleted: the row keeps who had the identifier when.
/// </summary>
public sealed class ExternalLogin
{
    public const int MaxKeyLength = 200;

    private ExternalLogin() { }

    public ExternalLogin(ExternalProvider provider, string key, Guid userId, Guid linkedByUserId, DateTime linkedUtc)
    {
        Id = Guid.NewGuid();
        Provider = provider;
        Key = key;
        UserId = userId;
        LinkedByUserId = linkedByUserId;
        LinkedUtc = linkedUtc;
    }

    public Guid Id { get; private set; }
    public ExternalProvider Provider { get; private set; }
    public string Key { get; private set; } = "";
    public Guid UserId { get; private set; }
    public Guid LinkedByUserId { get; private set; }
    public DateTime LinkedUtc { get; private set; }
    public DateTime? UnlinkedUtc { get; private set; }
    public Guid? UnlinkedByUserId { get; private set; }

    public void Unlink(Guid byUserId, DateTime nowUtc)
    {
        if (UnlinkedUtc is not null) return;
        UnlinkedUtc = nowUtc;
        UnlinkedByUserId = byUserId;
    }
}

namespace Aktivitetsplikt.Domain.Organisation;

/// <summary>
/// A guardian (foresatt) the school has registered for a pupil: the guardian's own user account (role Guardian, signed in
/// with ID-porten only) and how they are related to the pupil. Ended, never deleted, when it no longer holds.
/// </summary>
public sealed class Guardianship
{
    private Guardianship() { }

    public Guardianship(Guid pupilId, Guid guardianUserId, string relation, Guid registeredByUserId, DateTime registeredUtc)
    {
        Id = Guid.NewGuid();
        PupilId = pupilId;
        GuardianUserId = guardianUserId;
        Relation = relation;
        RegisteredByUserId = registeredByUserId;
        RegisteredUtc = registeredUtc;
    }

    public Guid Id { get; private set; }
    public Guid PupilId { get; private set; }
    public Guid GuardianUserId { get; private set; }
    /// <summary>As the school writes it: "mor", "far", "verge", …</summary>
    public string Relation { get; private set; } = "";
    public Guid RegisteredByUserId { get; private set; }
    public DateTime RegisteredUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public Guid? EndedByUserId { get; private set; }

    public bool IsActive => EndedUtc is null;

    public void End(Guid byUserId, DateTime nowUtc)
    {
        if (EndedUtc is not null) return;
        EndedUtc = nowUtc;
        EndedByUserId = byUserId;
    }
}

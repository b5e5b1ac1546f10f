using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Organisation;

/// <summary>
/// The principal lets a leader at the school (a deputy or department head, signed in as staff) handle one case, or
/// every case of a grade, with the principal's rights. Recorded with who, when and why; withdrawn, never deleted.
/// The principal keeps seeing the cases and stays responsible; where the law names the principal personally
/// (a case raised with the principal before the county governor takes it, § 12-6), it still means the principal.
/// </summary>
public sealed class Delegation
{
    public const int MaxGradeLength = 20;

    private Delegation() { }

    public Delegation(Guid schoolId, Actor principal, UserAccount @delegate, Guid? caseId, string? grade, string reason, DateTime nowUtc)
    {
        if (principal.Role != Role.Principal)
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, "Only the principal delegates.");
        if (@delegate.Role != Role.Staff || @delegate.SchoolId != schoolId || !@delegate.IsActive)
            throw new CaseRuleViolation(RefusalCode.DelegateNotAtSchool, "The delegate must be an active member of staff at the school.");
        if ((caseId is null) == string.IsNullOrWhiteSpace(grade))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Delegate either one case or the cases of one grade.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Give the reason for the delegation.");
        Id = Guid.NewGuid();
        SchoolId = schoolId;
        PrincipalUserId = principal.UserId;
        PrincipalName = principal.Name;
        DelegateUserId = @delegate.Id;
        DelegateName = @delegate.DisplayName;
        CaseId = caseId;
        Grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim();
        Reason = reason.Trim();
        GrantedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid PrincipalUserId { get; private set; }
    public string PrincipalName { get; private set; } = "";
    public Guid DelegateUserId { get; private set; }
    public string DelegateName { get; private set; } = "";
    /// <summary>One case; or null with <see cref="Grade"/> set.</summary>
    public Guid? CaseId { get; private set; }
    /// <summary>A grade ("6": classes 6A, 6B …) or a class ("6B"): every case of a pupil in it.</summary>
    public string? Grade { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime GrantedAtUtc { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }
    public string? WithdrawnByName { get; private set; }

    public bool IsActive => WithdrawnAtUtc is null;

    /// <summary>Whether a pupil's class ("6B") is in the delegated grade ("6") or is the delegated class.</summary>
    public static bool GroupInGrade(string group, string grade) =>
        group == grade || (group.StartsWith(grade, StringComparison.OrdinalIgnoreCase) && group.Length > grade.Length && !char.IsDigit(group[grade.Length]));

    public void Withdraw(Actor principal, DateTime nowUtc)
    {
        if (principal.Role != Role.Principal)
            throw new CaseRuleViolation(RefusalCode.RoleMayNotAct, "Only the principal withdraws a delegation.");
        if (!IsActive) throw new CaseRuleViolation(RefusalCode.AlreadyFlagged, "The delegation is already withdrawn.");
        WithdrawnAtUtc = nowUtc;
        WithdrawnByName = principal.Name;
    }
}

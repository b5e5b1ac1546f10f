using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Necessity;

/// <summary>Whether the pupil gave their own account of a physical intervention.</summary>
public enum PupilAccountStatus
{
    /// <summary>The pupil told it in their own words (written down as said).</summary>
    Given,
    /// <summary>The pupil was asked and did not want to give an account.</summary>
    Declined,
}

/// <summary>What the person who intervened writes: every part Oslo's action plan asks for.</summary>
public sealed record NecessityReport(
    Guid SchoolId,
    Guid PupilId,
    DateTime OccurredAtUtc,
    string Place,
    string IntervenedBy,
    string WhatHappenedBefore,
    string WhatWasDone,
    int DurationMinutes,
    string Injuries,
    DateTime? PrincipalInformedAtUtc,
    DateTime? ParentsInformedAtUtc,
    string? ParentsInformedBy,
    PupilAccountStatus PupilAccount,
    string? PupilAccountText,
    string PupilAccountHow,
    string FollowUp);

/// <summary>
/// A record of a physical intervention made under necessity or self-defence (nødrett / nødverge, straffeloven §§ 17 and
/// 18): when, where, who intervened, what happened before, what was done and for how long, injuries, who was told and
/// when, the pupil's own account (or that they declined to give one) and how it was obtained, the follow-up. Written once
/// and never edited; it may stand alone or be linked to an aktivitetsplikt case of the same pupil.
/// </summary>
public sealed class NecessityRecord
{
    public const int MaxDurationMinutes = 600;

    private NecessityRecord() { }

    public static NecessityRecord Record(NecessityReport report, Actor recordedBy, DateTime nowUtc)
    {
        if (report.DurationMinutes is < 0 or > MaxDurationMinutes)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, $"The duration must be between 0 and {MaxDurationMinutes} minutes.");
        if (report.OccurredAtUtc > nowUtc.AddMinutes(5))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "The intervention cannot lie in the future.");
        if (report.PupilAccount == PupilAccountStatus.Given && string.IsNullOrWhiteSpace(report.PupilAccountText))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Write the pupil's own account, or record that the pupil did not want to give one.");
        if (report.ParentsInformedAtUtc is not null && string.IsNullOrWhiteSpace(report.ParentsInformedBy))
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "Say who told the parents.");
        return new NecessityRecord
        {
            Id = Guid.NewGuid(),
            SchoolId = report.SchoolId,
            PupilId = report.PupilId,
            OccurredAtUtc = report.OccurredAtUtc,
            Place = report.Place.Trim(),
            IntervenedBy = report.IntervenedBy.Trim(),
            WhatHappenedBefore = report.WhatHappenedBefore.Trim(),
            WhatWasDone = report.WhatWasDone.Trim(),
            DurationMinutes = report.DurationMinutes,
            Injuries = report.Injuries.Trim(),
            PrincipalInformedAtUtc = report.PrincipalInformedAtUtc,
            ParentsInformedAtUtc = report.ParentsInformedAtUtc,
            ParentsInformedBy = report.ParentsInformedAtUtc is null ? null : report.ParentsInformedBy?.Trim(),
            PupilAccount = report.PupilAccount,
            PupilAccountText = report.PupilAccount == PupilAccountStatus.Given ? report.PupilAccountText?.Trim() : null,
            PupilAccountHow = report.PupilAccountHow.Trim(),
            FollowUp = report.FollowUp.Trim(),
            RecordedByUserId = recordedBy.UserId,
            RecordedByName = recordedBy.Name,
            RecordedByRole = recordedBy.Role,
            RecordedAtUtc = nowUtc,
        };
    }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public Guid PupilId { get; private set; }
    /// <summary>The aktivitetsplikt case it is linked to, if any (the same pupil's).</summary>
    public Guid? CaseId { get; private set; }
    public DateTime? LinkedAtUtc { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string Place { get; private set; } = "";
    public string IntervenedBy { get; private set; } = "";
    public string WhatHappenedBefore { get; private set; } = "";
    public string WhatWasDone { get; private set; } = "";
    public int DurationMinutes { get; private set; }
    public string Injuries { get; private set; } = "";
    public DateTime? PrincipalInformedAtUtc { get; private set; }
    public DateTime? ParentsInformedAtUtc { get; private set; }
    public string? ParentsInformedBy { get; private set; }
    public PupilAccountStatus PupilAccount { get; private set; }
    public string? PupilAccountText { get; private set; }
    public string PupilAccountHow { get; private set; } = "";
    public string FollowUp { get; private set; } = "";
    public Guid RecordedByUserId { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public Role RecordedByRole { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Oslo's plan asks that the parents are told the same day: false while that is not recorded.</summary>
    public bool ParentsInformed => ParentsInformedAtUtc is not null;

    /// <summary>Links the record to a case of the same pupil, once; the case's timeline records it (<see cref="Case.LinkNecessityRecord"/>).</summary>
    public void LinkTo(Case @case, DateTime nowUtc)
    {
        if (CaseId is not null)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "The record is already linked to a case.");
        if (@case.PupilId != PupilId)
            throw new CaseRuleViolation(RefusalCode.ReasonRequired, "The case is about another pupil.");
        CaseId = @case.Id;
        LinkedAtUtc = nowUtc;
    }
}

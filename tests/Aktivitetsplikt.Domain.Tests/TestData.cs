using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;

namespace Aktivitetsplikt.Domain.Tests;

/// <summary>Fixed people, times and documents, so every test tells the same story.</summary>
internal static class TestData
{
    /// <summary>Monday 16 November 2026, 09:00 in Oslo (winter time, UTC+1).</summary>
    public static readonly DateTime Monday = new(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>The next morning: after every step a <see cref="Cases.CaseBuilder"/> takes.</summary>
    public static readonly DateTime Later = new(2026, 11, 17, 9, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly EvaluationDate = new(2026, 11, 30);

    public static readonly Guid SchoolId = Guid.Parse("5c000000-0000-0000-0000-000000000001");
    public static readonly Guid PupilId = Guid.Parse("9e000000-0000-0000-0000-000000000001");

    public static readonly Actor Staff = new(Guid.Parse("a0000000-0000-0000-0000-000000000001"), "Kari Kontaktlærer", Role.Staff);
    public static readonly Actor OtherStaff = new(Guid.Parse("a0000000-0000-0000-0000-000000000002"), "Ola Assistent", Role.Staff);
    public static readonly Actor Principal = new(Guid.Parse("a0000000-0000-0000-0000-000000000003"), "Rita Rektor", Role.Principal);
    public static readonly Actor SchoolOwnerTeam = new(Guid.Parse("a0000000-0000-0000-0000-000000000004"), "Sigrid Skoleeier", Role.SchoolOwnerTeam);
    public static readonly Actor Administrator = new(Guid.Parse("a0000000-0000-0000-0000-000000000005"), "Arne Admin", Role.Administrator);
    public static readonly Actor Guardian = new(Guid.Parse("a0000000-0000-0000-0000-000000000006"), "Marte Foresatt", Role.Guardian);
    public static readonly Actor PupilSelf = new(Guid.Parse("a0000000-0000-0000-0000-000000000007"), "Emma Hansen", Role.Pupil);

    public static Actor ActorFor(Role role) => role switch
    {
        Role.Staff => Staff,
        Role.Principal => Principal,
        Role.SchoolOwnerTeam => SchoolOwnerTeam,
        Role.Administrator => Administrator,
        Role.Guardian => Guardian,
        Role.Pupil => PupilSelf,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static DeadlinePolicy Policy => DeadlinePolicy.Default;

    public static SchoolCalendar Calendar => SchoolCalendar.WeekdaysOnly;

    public static ConcernReport Concern(
        string? intervention = null,
        bool notifyPrincipalNow = false,
        bool pupilSaysNotSafe = false,
        bool employeeSuspected = false,
        bool leadershipSuspected = false,
        string whatHappened = "Two pupils kept the pupil out of the football game and called names.") =>
        new(SchoolId, PupilId, whatHappened, Monday.AddHours(-1), ConcernLocation.Schoolyard, intervention,
            notifyPrincipalNow, pupilSaysNotSafe, employeeSuspected, leadershipSuspected);

    public static Case LogConcern(ConcernReport report, Actor? by = null, DateTime? at = null, DeadlinePolicy? policy = null, SchoolCalendar? calendar = null) =>
        Case.LogConcern(report, by ?? Staff, "2026-0042", at ?? Monday, policy ?? Policy, calendar ?? Calendar);

    /// <summary>A measure the member of staff <see cref="Staff"/> is responsible for.</summary>
    public static MeasureDraft StaffMeasure(Guid? key = null) =>
        new("An adult is present where the pupil plays at every break", "Every break from 18 November", Staff.Name, Staff.UserId, EvaluationDate, key);

    /// <summary>A measure the principal is responsible for.</summary>
    public static MeasureDraft PrincipalMeasure(Guid? key = null) =>
        new("Talks with the class about inclusion", "Mondays, weeks 47 and 48", Principal.Name, Principal.UserId, EvaluationDate, key);

    /// <summary>The pupil moved to a school of another school owner; the parents decided.</summary>
    public static PupilDepartureReport Departure(bool sameSchoolOwner = false, string? handover = null, string decidedBy = "The parents",
        DateOnly? leftOn = null) =>
        new(leftOn ?? new DateOnly(2026, 11, 16), "Vestby skole", sameSchoolOwner, handover, decidedBy,
            "The family moved to Vestby; the pupil still said the breaks were not safe.");

    public static PlanDraft CompletePlan(IReadOnlyList<MeasureDraft>? measures = null, DateOnly? evaluationDate = null, string? changeSummary = null) =>
        new("The pupil is left out of games and called names at breaks.",
            measures ?? new[] { StaffMeasure(), PrincipalMeasure() },
            evaluationDate ?? EvaluationDate,
            "Wants an adult nearby at breaks.",
            "Talk with the contact teacher on 17 November.",
            "Worried; want to be told weekly.",
            "Meeting at school on 17 November.",
            changeSummary);

    /// <summary>A screenshot as the web layer hands it over: kind from its content, hashed.</summary>
    public static AttachmentUpload Screenshot(Guid? entryId = null) =>
        new("skjermbilde-chat.png", AttachmentKind.Png, 2048, new string('b', 64), entryId);

    /// <summary>A meeting with the pupil and the guardians, two agreed points and a next meeting.</summary>
    public static MeetingReport Meeting(bool forFamily = false) =>
        new(Monday.AddHours(1), MeetingParticipants.Staff | MeetingParticipants.Pupil | MeetingParticipants.Guardians, "Kontaktlærer, mor",
            "The pupil told about the chat group; the mother is worried about the evenings.",
            ["An adult in the schoolyard at every break", "The class talks about the chat group's rules"], DateOnly.FromDateTime(Monday).AddDays(14), forFamily);
}

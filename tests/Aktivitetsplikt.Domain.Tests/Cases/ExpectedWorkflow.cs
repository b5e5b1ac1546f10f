using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Cases.CaseState;
using static Aktivitetsplikt.Domain.Cases.CaseTrigger;
using static Aktivitetsplikt.Domain.Cases.Role;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// The workflow DOMAIN.md describes, written out by hand and independently of CaseWorkflow, so a
/// change to the table in the domain fails the tests until this copy is changed on purpose too.
/// Each row gives the roles that may fire the trigger and, per state in the column order below,
/// where the case ends up (the same state for a step that stays put) or <c>No</c>.
/// </summary>
internal static class ExpectedWorkflow
{
    private static readonly CaseState? No = null;

    /// <summary>The column order of <see cref="Rows"/>.</summary>
    public static readonly CaseState[] States =
        { FollowingUp, Intervened, PrincipalNotified, Investigating, Measures, Evaluating, Closed };

    private static readonly Role[] StaffAndPrincipal = { Staff, Principal };
    private static readonly Role[] Handlers = { Principal, SchoolOwnerTeam };
    private static readonly Role[] Everyone = { Staff, Principal, SchoolOwnerTeam };
    private static readonly Role[] PrincipalOnly = { Principal };
    private static readonly Role[] GuardianOnly = { Guardian };
    private static readonly Role[] Family = { Guardian, Pupil };

    public static readonly IReadOnlyList<Row> Rows = new[]
    {
        //                                                FollowingUp        Intervened         PrincipalNotified  Investigating  Measures  Evaluating  Closed
        new Row(RecordIntervention, StaffAndPrincipal,    Intervened,        Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(NotifyPrincipal, StaffAndPrincipal,       PrincipalNotified, PrincipalNotified, No,                No,            No,       No,         No),
        new Row(ReportEmployeeSuspicion, Everyone,        PrincipalNotified, PrincipalNotified, PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(StartInvestigation, Handlers,             No,                No,                Investigating,     No,            No,       No,         No),
        new Row(RecordFinding, Handlers,                  No,                No,                No,                Investigating, Measures, Evaluating, No),
        new Row(RecordPupilVoice, Everyone,               FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(RecordParentContact, Everyone,            FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(AdoptPlan, Handlers,                      No,                No,                No,                Measures,      No,       No,         No),
        new Row(RevisePlan, Handlers,                     No,                No,                No,                No,            Measures, Measures,   No),
        new Row(RecordMeasureProgress, Everyone,          No,                No,                No,                No,            Measures, Evaluating, No),
        new Row(StartEvaluation, Handlers,                No,                No,                No,                No,            Evaluating, No,       No),
        new Row(RecordEvaluation, Handlers,               No,                No,                No,                No,            No,       Evaluating, No),
        new Row(CaseTrigger.Close, Handlers,              No,                No,                No,                Closed,        No,       Closed,     No),
        new Row(Reopen, Handlers,                         No,                No,                No,                No,            No,       No,         Investigating),
        new Row(EscalateToSchoolOwner, PrincipalOnly,     FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(FlagParticularVulnerability, Handlers,    FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(RecordCountyGovernorCase, Handlers,       FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(RecordCountyGovernorDecision, Handlers,   FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(AddComment, Everyone,                     FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(CorrectEntry, Everyone,                   FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(RecordDocument, Handlers,                 FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(CloseAsPupilLeftSchool, Handlers,         No,                No,                Closed,            Closed,        Closed,   Closed,     No),
        new Row(HearOtherPupil, Everyone,                 No,                No,                No,                Investigating, Measures, Evaluating, No),
        new Row(GiveFamilyView, Family,                   FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(RequestMeeting, Family,                   FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, No),
        new Row(DisagreeWithPlan, GuardianOnly,           No,                No,                No,                No,            Measures, Evaluating, No),
        new Row(IdentifyPupil, Handlers,                  No,                No,                PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(AddAttachment, Everyone,                  FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(WithdrawAttachment, Everyone,             FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(SetAttachmentFamilyVisibility, Handlers,  FollowingUp,       Intervened,        PrincipalNotified, Investigating, Measures, Evaluating, Closed),
        new Row(RecordMeeting, Everyone,                  No,                No,                PrincipalNotified, Investigating, Measures, Evaluating, No),
    };

    public static Row For(CaseTrigger trigger) => Rows.Single(r => r.Trigger == trigger);

    /// <summary>Where the case ends up, or null when the table forbids the trigger in that state (whatever the role).</summary>
    public static CaseState? Destination(CaseState from, CaseTrigger trigger) =>
        For(trigger).Destinations[Array.IndexOf(States, from)];

    public static bool RoleMay(Role role, CaseTrigger trigger) => For(trigger).Roles.Contains(role);

    public sealed record Row(CaseTrigger Trigger, IReadOnlyList<Role> Roles, params CaseState?[] Destinations);
}

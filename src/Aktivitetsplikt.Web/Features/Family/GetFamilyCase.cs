using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Family;

/// <summary>
/// One case as the family sees it (ADR 021): the state in plain words, the current plan as the family's masked copy (the
/// same masking as the masked plan and the parent letter: other pupils named in the plan and every pupil heard), each
/// measure with who does it and when it is evaluated, the parent letters the school has made, and what has been done —
/// only the entry kinds on <see cref="Shown"/>, in the family's words, with no text a member of staff wrote and no staff
/// names. Nothing of § 12-5 (a suspected employee), of other pupils heard, of comments and corrections, of escalation or
/// vulnerability flags. A guardian's own input is shown with its text; another guardian's only as "a guardian gave their
/// view" (separated parents must not read each other's words here). Every view is written to the audit chain.
/// A pupil signed in with Feide sees their own case through the same masking, and less (ADR 021): no letters and no files (they
/// are the school's to the guardians), and nothing of what the guardians wrote; their own input with its text. A guardian sees
/// that the pupil gave their own view, and how the pupil said they feel, but not the pupil's words.
/// </summary>
public static class GetFamilyCase
{
    [AllowedRoles(Role.Guardian, Role.Pupil)]
    public sealed record Query(Guid CaseId) : IRequest<Result>, ICaseRequest;

    public sealed record Result(
        Guid CaseId, string CaseNumber, string ChildFirstName, string SchoolName, CaseState State, DateTime CreatedAtUtc, DateTime UpdatedAtUtc,
        PlanView? Plan, IReadOnlyList<FamilyEntry> Timeline, IReadOnlyList<FamilyLetter> Letters, IReadOnlyList<CaseTrigger> MayDo,
        SchoolContact Contact)
    {
        /// <summary>Meetings the school recorded "for the family", in the order they were held.</summary>
        public IReadOnlyList<FamilyMeeting> Meetings { get; init; } = [];

        /// <summary>Files the principal marked for the family and did not withdraw, oldest first.</summary>
        public IReadOnlyList<FamilyAttachment> Attachments { get; init; } = [];

        public bool May(CaseTrigger trigger) => MayDo.Contains(trigger);
    }

    /// <summary>
    /// One line of what has been done. <see cref="Text"/> and <see cref="Detail"/> are set only on the viewer's own input;
    /// <see cref="Measure"/> is a measure's description, masked, on a measure's progress.
    /// </summary>
    public sealed record FamilyEntry(int Sequence, EntryKind Kind, DateTime AtUtc, bool ByFamily, bool ByMe, string? Text, string? Detail,
        PupilView? PupilView, int? PlanVersion, string? Measure, MeasureStatus? MeasureStatus)
    {
        /// <summary>Input the pupil gave themself, signed in with Feide (not a guardian's).</summary>
        public bool ByPupil { get; init; }
    }

    public sealed record FamilyLetter(DateTime MadeAtUtc);

    /// <summary>A meeting as the family reads it: the groups who took part (no names: staff names stay out of the family's view), what was said and agreed (other pupils masked), the next meeting.</summary>
    public sealed record FamilyMeeting(DateTime HeldAtUtc, MeetingParticipants Participants, string WhatWasSaid, IReadOnlyList<string> AgreedPoints, DateOnly? NextMeetingOn);

    /// <summary>A file for the family: its name, kind, size and when the school added it (not who).</summary>
    public sealed record FamilyAttachment(Guid Id, string FileName, AttachmentKind Kind, long SizeBytes, DateTime AddedAtUtc);

    public sealed record SchoolContact(string SchoolName, string? Phone, string? Email);

    /// <summary>The entry kinds a family sees. Everything else (internal notes, § 12-5, other pupils, flags) is left out.</summary>
    public static readonly IReadOnlySet<EntryKind> Shown = new HashSet<EntryKind>
    {
        EntryKind.ConcernLogged, EntryKind.Intervention, EntryKind.PrincipalNotified, EntryKind.InvestigationStarted, EntryKind.PupilVoice,
        EntryKind.ParentContact, EntryKind.PlanAdopted, EntryKind.PlanRevised, EntryKind.MeasureProgress, EntryKind.EvaluationStarted,
        EntryKind.Evaluation, EntryKind.Closed, EntryKind.Reopened, EntryKind.PupilLeftSchool, EntryKind.CountyGovernorCase,
        EntryKind.CountyGovernorDecision, EntryKind.DocumentGenerated, EntryKind.FamilyView, EntryKind.MeetingRequested, EntryKind.PlanDisagreement,
    };

    /// <summary>Family input: written by a guardian, or by the pupil signed in with Feide, on the family's page.</summary>
    public static bool IsFamilyInput(EntryKind kind, Role actorRole) =>
        actorRole is Role.Guardian or Role.Pupil && kind is EntryKind.FamilyView or EntryKind.PupilVoice or EntryKind.MeetingRequested or EntryKind.PlanDisagreement;

    /// <summary>A parent letter the school made on the case (its file name says so; the timeline keeps no kind of its own).</summary>
    public static bool IsParentLetter(TimelineEntry entry) =>
        entry.Kind == EntryKind.DocumentGenerated && entry.Text.StartsWith("foreldrebrev-", StringComparison.Ordinal);

    public sealed class Handler(AppDbContext db, ICurrentUser user, IMapper mapper, UiText text, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.CasesWithHistory.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The case");
            var data = await CaseDocumentData.LoadAsync(db, mapper, @case, cancellationToken);
            var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == @case.SchoolId, cancellationToken);
            var masked = data.NamesToMaskForTheFamily();
            var replacement = text["Documents.MaskedName"];
            var plan = data.Plans.Count == 0 ? null : NameMasking.Mask(data.Plans[^1], masked, replacement);

            var pupilViewing = user.Role == Role.Pupil;
            var timeline = data.Timeline
                .Where(e => Shown.Contains(e.Kind) && (e.Kind != EntryKind.DocumentGenerated || IsParentLetter(e)))
                // The pupil sees neither the guardians' input nor the letters to them.
                .Where(e => !pupilViewing || !(e.ActorRole == Role.Guardian && IsFamilyInput(e.Kind, e.ActorRole)) && e.Kind != EntryKind.DocumentGenerated)
                .Select(e =>
                {
                    var byFamily = IsFamilyInput(e.Kind, e.ActorRole);
                    var byMe = byFamily && e.ActorUserId == user.UserId;
                    return new FamilyEntry(e.Sequence, e.Kind, e.RecordedAtUtc, byFamily, byMe,
                        byMe ? e.Text : null, byMe && e.Kind != EntryKind.PupilVoice ? e.Detail : null,
                        // The pupil's own view is the family's to know; who else said what is not.
                        e.Kind == EntryKind.PupilVoice && (byMe || VoiceSources.Of(e.Kind, e.Detail) == VoiceSource.Pupil) ? e.PupilView : null,
                        e.PlanVersion,
                        e.Kind == EntryKind.MeasureProgress && e.Detail is { } measure ? NameMasking.MaskText(measure, masked, replacement) : null,
                        e.Kind == EntryKind.MeasureProgress ? e.MeasureStatus : null)
                    { ByPupil = byFamily && e.ActorRole == Role.Pupil };
                })
                .ToList();
            var letters = pupilViewing ? [] : data.Timeline.Where(IsParentLetter).Select(e => new FamilyLetter(e.RecordedAtUtc)).ToList();

            await audit.AppendAndSaveAsync("ViewFamilyCase", @case.Id, JsonSerializer.Serialize(new { caseNumber = @case.CaseNumber, page = "case" }), cancellationToken);

            return new Result(@case.Id, @case.CaseNumber, data.Pupil.FirstName, data.SchoolName, @case.State, @case.CreatedAtUtc, @case.UpdatedAtUtc,
                plan, timeline, letters, @case.PermittedTriggers(user.Actor), new SchoolContact(school.Name, school.Phone, school.Email))
            {
                Meetings = [.. data.Meetings.Where(m => m.ForFamily).Select(m => new FamilyMeeting(m.HeldAtUtc, m.Participants,
                    NameMasking.MaskText(m.WhatWasSaid, masked, replacement), [.. m.AgreedPoints.Select(p => NameMasking.MaskText(p, masked, replacement))], m.NextMeetingOn))],
                Attachments = [.. data.Attachments.Where(a => a.ForFamily && !pupilViewing).Select(a => new FamilyAttachment(a.Id, NameMasking.MaskText(a.DownloadName, masked, replacement), a.Kind, a.SizeBytes, a.AddedAtUtc))],
            };
        }
    }
}

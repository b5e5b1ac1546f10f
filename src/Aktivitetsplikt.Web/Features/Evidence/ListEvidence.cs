using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Evidence;

/// <summary>
/// An attachment as others read it (the case page, the county governor's bundle, exports, the family's view):
/// what it is, its hash, who added it when, whether the family may see it and whether it was withdrawn.
/// The bytes: <see cref="AttachmentStore.ReadAsync"/> with <see cref="Id"/>.
/// </summary>
public sealed record AttachmentView(
    Guid Id, Guid CaseId, string FileName, AttachmentKind Kind, long SizeBytes, string Sha256, Guid? AttachedToEntryId,
    Guid AddedByUserId, string AddedByName, Role AddedByRole, DateTime AddedAtUtc, bool VisibleToFamily,
    DateTime? WithdrawnAtUtc, string? WithdrawnByName, string? WithdrawalReason)
{
    public bool IsWithdrawn => WithdrawnAtUtc is not null;
    public bool IsImage => Kind is AttachmentKind.Png or AttachmentKind.Jpeg;
    public string ContentType => AttachmentFiles.ContentType(Kind);
    public string DownloadName => AttachmentFiles.DownloadName(FileName, Kind);
    /// <summary>What the family's view may show: marked for the family and not withdrawn.</summary>
    public bool ForFamily => VisibleToFamily && !IsWithdrawn;
}

/// <summary>A meeting record as others read it; <see cref="ForFamily"/> says whether the family's view may show it.</summary>
public sealed record MeetingView(
    Guid Id, Guid CaseId, DateTime HeldAtUtc, MeetingParticipants Participants, string? ParticipantNames, string WhatWasSaid,
    IReadOnlyList<string> AgreedPoints, DateOnly? NextMeetingOn, bool ForFamily, string RecordedByName, Role RecordedByRole, DateTime RecordedAtUtc);

/// <summary>
/// A case's attachments, oldest first, withdrawn ones included (marked). As a query it goes through the case's scope
/// check; other handlers (exports) that have checked access themselves call <see cref="ForCasesAsync"/>.
/// </summary>
public static class ListAttachments
{
    public sealed record Query(Guid CaseId) : IRequest<IReadOnlyList<AttachmentView>>, ICaseRequest;

    public sealed class Handler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<AttachmentView>>
    {
        public async Task<IReadOnlyList<AttachmentView>> Handle(Query query, CancellationToken cancellationToken) =>
            await ForCasesAsync(db, [query.CaseId], cancellationToken);
    }

    public static async Task<IReadOnlyList<AttachmentView>> ForCasesAsync(AppDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken) =>
        (await db.CaseAttachments.AsNoTracking().Where(a => caseIds.Contains(a.CaseId)).ToListAsync(cancellationToken))
            .OrderBy(a => a.AddedAtUtc).Select(From).ToList();

    public static AttachmentView From(CaseAttachment a) =>
        new(a.Id, a.CaseId, a.FileName, a.Kind, a.SizeBytes, a.Sha256, a.AttachedToEntryId, a.AddedByUserId, a.AddedByName, a.AddedByRole, a.AddedAtUtc,
            a.VisibleToFamily, a.WithdrawnAtUtc, a.WithdrawnByName, a.WithdrawalReason);
}

/// <summary>A case's meeting records in the order they were held; as <see cref="ListAttachments"/>, a query and a helper.</summary>
public static class ListMeetings
{
    public sealed record Query(Guid CaseId) : IRequest<IReadOnlyList<MeetingView>>, ICaseRequest;

    public sealed class Handler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<MeetingView>>
    {
        public async Task<IReadOnlyList<MeetingView>> Handle(Query query, CancellationToken cancellationToken) =>
            await ForCasesAsync(db, [query.CaseId], cancellationToken);
    }

    public static async Task<IReadOnlyList<MeetingView>> ForCasesAsync(AppDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken cancellationToken) =>
        (await db.Meetings.AsNoTracking().Where(m => caseIds.Contains(m.CaseId)).ToListAsync(cancellationToken))
            .OrderBy(m => m.HeldAtUtc).ThenBy(m => m.RecordedAtUtc).Select(From).ToList();

    public static MeetingView From(MeetingRecord m) =>
        new(m.Id, m.CaseId, m.HeldAtUtc, m.Participants, m.ParticipantNames, m.WhatWasSaid, m.AgreedPoints, m.NextMeetingOn, m.ForFamily,
            m.RecordedByName, m.RecordedByRole, m.RecordedAtUtc);
}

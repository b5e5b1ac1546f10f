using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using AutoMapper;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Privacy;

/// <summary>Whose data an export of everything about one pupil (GDPR art. 15) collects: the pupil and the cases about them.</summary>
public sealed record PupilDataScope(Guid PupilId, string PupilName, IReadOnlyList<Guid> CaseIds, IReadOnlyDictionary<Guid, string> CaseNumbers);

/// <summary>
/// One kind of record in the export: its key in the JSON (the same data as the readable document), the data, and how the
/// readable document shows it. Every part of the system that holds data about a pupil adds one section (registered in
/// <see cref="PrivacyRegistration"/>); the export is the sections in <see cref="IPupilDataSection.Order"/>.
/// </summary>
public sealed record PupilDataPart(string Key, object Data, Action<DocxWriter, UiText> Write, IReadOnlyList<PupilDataFile>? Files = null);

/// <summary>A file the export carries as it is (an attachment), at its path inside the zip.</summary>
public sealed record PupilDataFile(string Name, byte[] Content);

public interface IPupilDataSection
{
    /// <summary>Where the section stands in the export (the pupil first, the access log last).</summary>
    int Order { get; }

    Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken);
}

/// <summary>The pupil: name, class group and school. No national identity number is held (data minimisation).</summary>
public sealed class PupilSection(AppDbContext db) : IPupilDataSection
{
    public sealed record Data(Guid Id, string FirstName, string LastName, string Group, string School);

    public int Order => 0;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var pupil = await (from p in db.Pupils.AsNoTracking()
                           join s in db.Schools.AsNoTracking() on p.SchoolId equals s.Id
                           where p.Id == scope.PupilId
                           select new Data(p.Id, p.FirstName, p.LastName, p.Group, s.Name)).SingleAsync(cancellationToken);
        return new PupilDataPart("pupil", pupil, (doc, t) => doc.Heading1(t["Privacy.Export.PupilHeading"])
            .Field(t["Privacy.Export.Name"], $"{pupil.FirstName} {pupil.LastName}")
            .Field(t["Privacy.Export.Group"], pupil.Group)
            .Field(t["Privacy.Export.School"], pupil.School)
            .Paragraph(t["Privacy.Export.NoIdentityNumber"], small: true));
    }
}

/// <summary>The guardians the school registered for the pupil, ended ones too; their national identity number is never stored, so never exported.</summary>
public sealed class GuardiansSection(AppDbContext db) : IPupilDataSection
{
    public sealed record Data(string Name, string Relation, DateTime RegisteredUtc, DateTime? EndedUtc);

    public int Order => 10;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var guardians = await (from g in db.Guardianships.AsNoTracking()
                               join u in db.Users.AsNoTracking() on g.GuardianUserId equals u.Id
                               where g.PupilId == scope.PupilId
                               orderby g.RegisteredUtc
                               select new Data(u.DisplayName, g.Relation, g.RegisteredUtc, g.EndedUtc)).ToListAsync(cancellationToken);
        return new PupilDataPart("guardians", guardians, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.GuardiansHeading"]);
            if (guardians.Count == 0) doc.Paragraph(t["Privacy.Export.None"]);
            else
                doc.Table([t["Privacy.Export.Name"], t["Privacy.Export.Relation"], t["Privacy.Export.Registered"], t["Privacy.Export.Ended"]],
                    guardians.Select(g => (IReadOnlyList<string>)[g.Name, g.Relation, t.Time(g.RegisteredUtc), t.Time(g.EndedUtc)]));
        });
    }
}

/// <summary>Every case about the pupil: its state and flags, every entry of its history in order, every plan version with its measures.</summary>
public sealed class CasesSection(AppDbContext db, IMapper mapper) : IPupilDataSection
{
    public sealed record Data(Guid Id, string CaseNumber, string School, CaseState State, DateTime CreatedAtUtc, DateTime? ClosedAtUtc,
        IReadOnlyList<FlagView> Flags, IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<PlanView> Plans);

    public int Order => 20;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var cases = await db.CasesWithHistory.AsNoTracking().Where(c => scope.CaseIds.Contains(c.Id)).OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken);
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var data = cases.Select(c => new Data(c.Id, c.CaseNumber, schools.GetValueOrDefault(c.SchoolId, ""), c.State, c.CreatedAtUtc, c.ClosedAtUtc,
            c.Flags.OrderBy(f => f.SetAtUtc).Select(mapper.Map<FlagView>).ToList(),
            c.Entries.Select(mapper.Map<TimelineEntry>).ToList(),
            c.Plans.Select(mapper.Map<PlanView>).ToList())).ToList();
        return new PupilDataPart("cases", data, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.CasesHeading"]);
            if (data.Count == 0) doc.Paragraph(t["Privacy.Export.None"]);
            foreach (var c in data)
            {
                doc.Heading2(t.Format("Privacy.Export.CaseTitle", c.CaseNumber, c.School))
                    .Field(t["Privacy.Export.State"], t.State(c.State))
                    .Field(t["Privacy.Export.Created"], t.Time(c.CreatedAtUtc));
                if (c.ClosedAtUtc is { } closed) doc.Field(t["Privacy.Export.Closed"], t.Time(closed));
                foreach (var flag in c.Flags) doc.Field(t.Enum(flag.Kind), $"{t.Time(flag.SetAtUtc)}, {flag.SetByName}");
                doc.Heading3(t["Privacy.Export.EntriesHeading"]);
                foreach (var entry in c.Entries)
                {
                    doc.Paragraph($"{entry.Sequence}. {t.Enum(entry.Kind)} · {CaseBundleDocument.Meta(entry, t)}", bold: true);
                    CaseBundleDocument.WriteEntryFields(doc, entry, c.Entries, t);
                }
                foreach (var plan in c.Plans)
                {
                    doc.Heading3(t.Format("Privacy.Export.PlanTitle", plan.Version));
                    PlanDocument.WriteVersionFields(doc, plan, t);
                    PlanDocument.WriteParts(doc, plan, t, nested: true);
                }
            }
        });
    }
}

/// <summary>The documents made about the pupil's cases (the plan, the parent letter, the county governor's bundle): which, when, by whom, and the SHA-256 of each.</summary>
public sealed class DocumentsSection(AppDbContext db) : IPupilDataSection
{
    public sealed record Data(string CaseNumber, string FileName, string Sha256, DateTime MadeAtUtc, string MadeBy, int? PlanVersion);

    public int Order => 30;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var rows = await db.CaseEntries.AsNoTracking()
            .Where(e => scope.CaseIds.Contains(e.CaseId) && e.Kind == EntryKind.DocumentGenerated)
            .OrderBy(e => e.RecordedAtUtc).ThenBy(e => e.Sequence)
            .Select(e => new { e.CaseId, e.Text, e.Detail, e.RecordedAtUtc, e.ActorName, e.PlanVersion }).ToListAsync(cancellationToken);
        var documents = rows.Select(r => new Data(scope.CaseNumbers[r.CaseId], r.Text,
            r.Detail is { } d && d.StartsWith("sha256:", StringComparison.Ordinal) ? d["sha256:".Length..] : r.Detail ?? "", r.RecordedAtUtc, r.ActorName, r.PlanVersion)).ToList();
        return new PupilDataPart("documents", documents, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.DocumentsHeading"]);
            if (documents.Count == 0) doc.Paragraph(t["Privacy.Export.None"]);
            else
                doc.Table([t["Privacy.Export.Case"], t["Privacy.Export.File"], t["Privacy.Export.When"], t["Privacy.Export.Who"], "SHA-256"],
                    documents.Select(d => (IReadOnlyList<string>)[d.CaseNumber, d.FileName, t.Time(d.MadeAtUtc), d.MadeBy, d.Sha256]), [2, 4, 3, 3, 6]);
        });
    }
}

/// <summary>Who read or changed the pupil's cases and when, from the audit chain (every view of a case is logged there).</summary>
public sealed class AccessLogSection(AppDbContext db) : IPupilDataSection
{
    public sealed record Data(long Sequence, DateTime AtUtc, string User, Role? Role, string Action, string CaseNumber, bool IsRead);

    public int Order => 90;

    public async Task<PupilDataPart> CollectAsync(PupilDataScope scope, CancellationToken cancellationToken)
    {
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CaseId != null && scope.CaseIds.Contains(a.CaseId.Value))
            .OrderBy(a => a.Sequence)
            .Select(a => new { a.Sequence, a.AtUtc, a.UserName, a.Role, a.Action, a.CaseId }).ToListAsync(cancellationToken);
        var log = rows.Select(r => new Data(r.Sequence, r.AtUtc, r.UserName, r.Role, r.Action, scope.CaseNumbers[r.CaseId!.Value], GetAuditTrail.IsRead(r.Action))).ToList();
        return new PupilDataPart("access", log, (doc, t) =>
        {
            doc.Heading1(t["Privacy.Export.AccessHeading"]).Paragraph(t["Privacy.Export.AccessIntro"]);
            if (log.Count == 0) doc.Paragraph(t["Privacy.Export.None"]);
            else
                doc.Table([t["Privacy.Export.When"], t["Privacy.Export.Who"], t["Privacy.Export.Case"], t["Privacy.Export.Action"]],
                    log.Select(l => (IReadOnlyList<string>)[t.Time(l.AtUtc), l.Role is { } role ? $"{l.User} ({t.Role(role)})" : l.User, l.CaseNumber,
                        t[$"AuditAction.{l.Action}"]]), [3, 4, 2, 4]);
        });
    }
}

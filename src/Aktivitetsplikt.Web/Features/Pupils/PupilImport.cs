using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>
/// Step one of a pupil import: the administrator uploads the school system's export; it is read and checked, and kept
/// (rows only, identity numbers as keyed hashes) for the preview. Nothing about a pupil changes yet. The administrator
/// only: the import spans the school owner's schools and deactivates pupils, which is the school owner's register to
/// keep (docs/decisions/019-pupil-import-and-necessity-records.md).
/// </summary>
public static class UploadPupilImport
{
    [AllowedRoles(Role.Administrator)]
    /// <summary>The audit chain gets the file's name, never its content (names, identity numbers); the batch keeps its SHA-256.</summary>
    public sealed record Command(string FileName, [property: JsonIgnore] byte[] Content, bool FullImport) : ICommand<Result>;

    /// <summary>The batch to preview, or why the whole file is refused (nothing kept then).</summary>
    public sealed record Result(Guid? BatchId, IReadOnlyList<ImportProblem> FileProblems);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).RequiredName(260);
            RuleFor(c => c.Content).NotNull();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, IdentityNumberHasher hasher) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == owner).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
            var byName = schools.GroupBy(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
            var now = time.UtcNow();
            var file = PupilImportFile.Read(command.Content, byName, hasher.IsConfigured ? hasher.Hash : null, SchoolCalendar.OsloDate(now));
            if (file.FileProblems.Count > 0 && file.Rows.Count == 0) return new Result(null, file.FileProblems);
            if (file.Rows.All(r => !r.IsValid)) return new Result(null, file.FileProblems);

            foreach (var open in await db.PupilImportBatches.Where(b => b.SchoolOwnerId == owner && b.AppliedUtc == null && b.RowsJson != null).ToListAsync(cancellationToken))
                open.Supersede();
            var batch = new PupilImportBatch(owner, user.UserId, now, Path.GetFileName(command.FileName.Trim()), Convert.ToHexStringLower(SHA256.HashData(command.Content)), file.EncodingName,
                file.Separator, command.FullImport, JsonSerializer.Serialize(file.Rows), file.Rows.Count, file.Rows.Count(r => !r.IsValid));
            db.PupilImportBatches.Add(batch);
            return new Result(batch.Id, []);
        }
    }
}

/// <summary>The preview of an uploaded export: what applying it would add, change and deactivate now, and the rows it would skip.</summary>
public static class PreviewPupilImport
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid BatchId) : IRequest<Result>;

    public sealed record Result(Guid BatchId, string FileName, string EncodingName, string Separator, bool FullImport, int RowCount,
        DateTime UploadedUtc, DateTime? AppliedUtc, bool IsOpen, PupilImportPlan? Plan, Counts? Applied);

    public sealed record Counts(int Added, int Changed, int Deactivated, int GuardiansAdded, int Skipped);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var batch = await db.PupilImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.BatchId && b.SchoolOwnerId == user.SchoolOwnerId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The import");
            var plan = batch.IsOpen
                ? await PupilImportPlan.MakeAsync(db, batch.SchoolOwnerId, PupilImportRows.From(batch), batch.FullImport, cancellationToken)
                : null;
            return new Result(batch.Id, batch.FileName, batch.EncodingName, batch.Separator, batch.FullImport, batch.RowCount, batch.UploadedUtc,
                batch.AppliedUtc, batch.IsOpen, plan,
                batch.AppliedUtc is null ? null : new Counts(batch.Added, batch.Changed, batch.Deactivated, batch.GuardiansAdded, batch.Skipped));
        }
    }
}

/// <summary>
/// Step two: the previewed import is applied in one transaction — pupils added, renamed, moved to their new class (or
/// school), deactivated (never deleted: their cases stay and still show them), guardians registered — provided nothing
/// changed since the preview (the fingerprint the administrator saw). Rows with problems are skipped. The audit chain
/// gets who applied which file and the counts.
/// </summary>
public static class ApplyPupilImport
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid BatchId, string Fingerprint) : ICommand<PreviewPupilImport.Counts>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BatchId).NotEmpty();
            RuleFor(c => c.Fingerprint).RequiredName(64);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit) : IRequestHandler<Command, PreviewPupilImport.Counts>
    {
        public async Task<PreviewPupilImport.Counts> Handle(Command command, CancellationToken cancellationToken)
        {
            await db.SerializeAsync(StorageLock.PupilImport, cancellationToken);
            var batch = await db.PupilImportBatches.SingleOrDefaultAsync(b => b.Id == command.BatchId && b.SchoolOwnerId == user.SchoolOwnerId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The import");
            if (!batch.IsOpen) throw AdminRules.Refusal("", batch.AppliedUtc is null ? "Admin.Refusal.ImportSuperseded" : "Admin.Refusal.ImportAlreadyApplied");
            var rows = PupilImportRows.From(batch);
            var plan = await PupilImportPlan.MakeAsync(db, batch.SchoolOwnerId, rows, batch.FullImport, cancellationToken);
            if (plan.Fingerprint != command.Fingerprint) throw AdminRules.Refusal("", "Admin.Refusal.ImportChanged");

            var now = time.UtcNow();
            var pupilOfRow = new Dictionary<string, Pupil>(StringComparer.OrdinalIgnoreCase);
            foreach (var add in plan.Added)
            {
                var pupil = new Pupil(add.Row.SchoolId!.Value, add.Row.FirstName, add.Row.LastName, add.Row.Group);
                pupil.SetExternalId(add.Row.ExternalId);
                db.Pupils.Add(pupil);
                pupilOfRow[add.Row.ExternalId] = pupil;
            }
            var touched = plan.Changed.Select(c => c.PupilId).Concat(plan.Deactivated.Select(d => d.PupilId)).ToList();
            var tracked = new Dictionary<Guid, Pupil>();
            await TrackAsync(touched, tracked, cancellationToken);
            foreach (var change in plan.Changed)
            {
                var pupil = tracked[change.PupilId];
                pupil.Rename(change.Row.FirstName, change.Row.LastName);
                pupil.Place(change.Row.SchoolId!.Value, change.Row.Group);
                pupil.Activate();
            }
            foreach (var leaver in plan.Deactivated) tracked[leaver.PupilId].Deactivate(now);

            await LinkFeideAsync(plan.FeideLinks, pupilOfRow, tracked, cancellationToken);
            var guardiansAdded = await RegisterGuardiansAsync(rows.Where(r => r.IsValid && r.Guardians.Count > 0).ToList(), pupilOfRow, now, cancellationToken);
            batch.MarkApplied(user.UserId, now, plan with { GuardiansAdded = guardiansAdded });
            await audit.AppendAsync("PupilImportApplied", null, null, null, JsonSerializer.Serialize(new
            {
                batch = batch.Id, file = batch.FileName, sha256 = batch.Sha256, fullImport = batch.FullImport, rows = batch.RowCount,
                added = batch.Added, changed = batch.Changed, deactivated = batch.Deactivated, guardiansAdded = batch.GuardiansAdded, skipped = batch.Skipped,
                feideLinked = plan.FeideLinks.Count, feideRefused = plan.FeideRefused.Count,
            }), cancellationToken);
            return new PreviewPupilImport.Counts(batch.Added, batch.Changed, batch.Deactivated, batch.GuardiansAdded, batch.Skipped);
        }

        /// <summary>Loads these pupils for change into <paramref name="tracked"/>, 500 ids to a query.</summary>
        private async Task TrackAsync(IEnumerable<Guid> pupilIds, Dictionary<Guid, Pupil> tracked, CancellationToken cancellationToken)
        {
            foreach (var chunk in pupilIds.Chunk(500))
            {
                var ids = chunk.ToList();
                foreach (var pupil in await db.Pupils.Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken)) tracked[pupil.Id] = pupil;
            }
        }

        /// <summary>
        /// Links each planned pupil to their Feide identifier through <see cref="LinkPupilFeide"/>'s rule (the pupil's account made on
        /// the first link, the old link ended and kept as history). The ExternalLogins rows record who linked and when.
        /// </summary>
        private async Task LinkFeideAsync(IReadOnlyList<PlannedFeideLink> links, Dictionary<string, Pupil> added, Dictionary<Guid, Pupil> tracked,
            CancellationToken cancellationToken)
        {
            await TrackAsync(links.Select(l => l.PupilId).OfType<Guid>().Where(id => !tracked.ContainsKey(id)), tracked, cancellationToken);
            foreach (var link in links)
            {
                var pupil = link.PupilId is { } id ? tracked[id] : added[link.Row.ExternalId];
                await LinkPupilFeide.Handler.LinkAsync(db, user, time, pupil, link.Row.Feide!, "", cancellationToken);
            }
        }

        /// <summary>
        /// As <see cref="RegisterGuardian"/> does one at a time: a parent already linked to ID-porten by the keyed hash is the same
        /// guardian user (two children, one user); a new one gets a guardian account. An existing guardianship is left as it is;
        /// the import ends none (ending one changes who sees a child's cases: a person decides that on /admin/foresatte).
        /// </summary>
        private async Task<int> RegisterGuardiansAsync(List<ImportRow> rows, Dictionary<string, Pupil> added, DateTime now, CancellationToken cancellationToken)
        {
            if (rows.Count == 0) return 0;
            var owner = user.SchoolOwnerId;
            var schoolIds = db.Schools.Where(s => s.SchoolOwnerId == owner).Select(s => s.Id);
            var externalIds = rows.Select(r => r.ExternalId).Where(id => !added.ContainsKey(id)).ToList();
            var existingPupils = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in externalIds.Chunk(500))
            {
                var ids = chunk.ToList();
                foreach (var p in await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.ExternalId!) && schoolIds.Contains(p.SchoolId))
                             .Select(p => new { p.Id, p.ExternalId }).ToListAsync(cancellationToken))
                    existingPupils.TryAdd(p.ExternalId!, p.Id);
            }
            var linked = await PupilImportPlan.GuardiansByKeyAsync(db, rows.SelectMany(r => r.Guardians).Select(g => g.IdentityHash).Distinct().ToList(), cancellationToken);
            var users = linked.Values.ToList();
            var current = (await db.Guardianships.AsNoTracking().Where(g => g.EndedUtc == null && users.Contains(g.GuardianUserId))
                .Select(g => new { g.PupilId, g.GuardianUserId }).ToListAsync(cancellationToken)).Select(g => (g.PupilId, g.GuardianUserId)).ToHashSet();

            var count = 0;
            foreach (var row in rows)
            {
                var pupilId = added.TryGetValue(row.ExternalId, out var newPupil) ? newPupil.Id : existingPupils[row.ExternalId];
                foreach (var guardian in row.Guardians.DistinctBy(g => g.IdentityHash))
                {
                    if (!linked.TryGetValue(guardian.IdentityHash, out var guardianId))
                    {
                        var account = new UserAccount("foresatt-" + Guid.NewGuid().ToString("N")[..16], guardian.Name, Role.Guardian, owner, null);
                        account.SetEmail(guardian.Email);
                        db.Users.Add(account);
                        db.ExternalLogins.Add(new ExternalLogin(ExternalProvider.IdPorten, guardian.IdentityHash, account.Id, user.UserId, now));
                        linked[guardian.IdentityHash] = guardianId = account.Id;
                    }
                    if (!current.Add((pupilId, guardianId))) continue;
                    db.Guardianships.Add(new Guardianship(pupilId, guardianId, guardian.Relation, user.UserId, now));
                    count++;
                }
            }
            return count;
        }
    }
}

internal static class PupilImportRows
{
    public static IReadOnlyList<ImportRow> From(PupilImportBatch batch) =>
        batch.RowsJson is null ? [] : JsonSerializer.Deserialize<List<ImportRow>>(batch.RowsJson) ?? [];
}

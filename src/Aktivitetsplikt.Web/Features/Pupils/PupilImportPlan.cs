using System.Security.Cryptography;
using System.Text;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>What a change to an existing pupil is: the field and its value before and after.</summary>
public sealed record PupilChange(string Field, string Before, string After);

public sealed record PlannedAdd(ImportRow Row);
public sealed record PlannedChange(Guid PupilId, ImportRow Row, IReadOnlyList<PupilChange> Changes);
/// <summary>A pupil (a new one when <see cref="PupilId"/> is null) to be linked to the row's Feide identifier; <see cref="Before"/> is the link it replaces.</summary>
public sealed record PlannedFeideLink(Guid? PupilId, ImportRow Row, string? Before);
public sealed record PlannedDeactivation(Guid PupilId, string ExternalId, string Name, string Group, string SchoolName);

/// <summary>
/// What applying the rows would do to the school owner's pupils now, matched by the external id (elevnummer), never by
/// name. Worked out for the preview and again when the import is applied; the fingerprint says whether they are the same.
/// </summary>
public sealed record PupilImportPlan(
    IReadOnlyList<PlannedAdd> Added,
    IReadOnlyList<PlannedChange> Changed,
    IReadOnlyList<PlannedDeactivation> Deactivated,
    int Unchanged,
    int GuardiansAdded,
    IReadOnlyList<ImportRow> Skipped,
    IReadOnlyList<PlannedFeideLink> FeideLinks,
    IReadOnlyList<ImportRow> FeideRefused)
{
    public const string FieldName = "Name";
    public const string FieldGroup = "Group";
    public const string FieldSchool = "School";
    public const string FieldActive = "Active";

    public string Fingerprint { get; init; } = "";

    public bool HasWork => Added.Count + Changed.Count + Deactivated.Count + GuardiansAdded + FeideLinks.Count > 0;

    public static async Task<PupilImportPlan> MakeAsync(AppDbContext db, Guid schoolOwnerId, IReadOnlyList<ImportRow> rows, bool fullImport,
        CancellationToken cancellationToken)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == schoolOwnerId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var schoolIds = schools.Keys.ToList();
        var existing = await db.Pupils.AsNoTracking().Where(p => schoolIds.Contains(p.SchoolId) && p.ExternalId != null)
            .Select(p => new { p.Id, p.ExternalId, p.FirstName, p.LastName, p.Group, p.SchoolId, p.IsActive })
            .ToListAsync(cancellationToken);
        var byExternalId = existing.GroupBy(p => p.ExternalId!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var good = rows.Where(r => r.IsValid).ToList();
        var added = new List<PlannedAdd>();
        var changed = new List<PlannedChange>();
        var unchanged = 0;
        var pupilOfRow = new Dictionary<ImportRow, Guid?>();
        foreach (var row in good)
        {
            if (!byExternalId.TryGetValue(row.ExternalId, out var pupil))
            {
                added.Add(new PlannedAdd(row));
                pupilOfRow[row] = null;
                continue;
            }
            pupilOfRow[row] = pupil.Id;
            var changes = new List<PupilChange>();
            var oldName = $"{pupil.FirstName} {pupil.LastName}";
            if (pupil.FirstName != row.FirstName || pupil.LastName != row.LastName) changes.Add(new(FieldName, oldName, row.Name));
            if (pupil.Group != row.Group) changes.Add(new(FieldGroup, pupil.Group, row.Group));
            if (pupil.SchoolId != row.SchoolId) changes.Add(new(FieldSchool, schools.GetValueOrDefault(pupil.SchoolId, ""), row.SchoolName));
            if (!pupil.IsActive) changes.Add(new(FieldActive, "", ""));
            if (changes.Count > 0) changed.Add(new PlannedChange(pupil.Id, row, changes));
            else unchanged++;
        }

        var deactivated = new List<PlannedDeactivation>();
        if (fullImport)
        {
            // Every id in the file protects its pupil, a skipped row's too: a row with a typo must not make a pupil "leave".
            var inFile = rows.Where(r => r.ExternalId.Length > 0).Select(r => r.ExternalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var covered = good.Select(r => r.SchoolId!.Value).ToHashSet();
            deactivated.AddRange(existing
                .Where(p => p.IsActive && covered.Contains(p.SchoolId) && !inFile.Contains(p.ExternalId!))
                .OrderBy(p => schools[p.SchoolId]).ThenBy(p => p.Group).ThenBy(p => p.LastName)
                .Select(p => new PlannedDeactivation(p.Id, p.ExternalId!, $"{p.FirstName} {p.LastName}", p.Group, schools[p.SchoolId])));
        }

        var guardiansAdded = await CountNewGuardianshipsAsync(db, good, pupilOfRow, cancellationToken);
        var (feideLinks, feideRefused) = await PlanFeideLinksAsync(db, good, pupilOfRow, cancellationToken);
        var plan = new PupilImportPlan(added, changed, deactivated, unchanged, guardiansAdded, [.. rows.Where(r => !r.IsValid)], feideLinks, feideRefused);
        return plan with { Fingerprint = plan.Describe() };
    }

    private static async Task<int> CountNewGuardianshipsAsync(AppDbContext db, List<ImportRow> good, Dictionary<ImportRow, Guid?> pupilOfRow, CancellationToken cancellationToken)
    {
        var keys = good.SelectMany(r => r.Guardians).Select(g => g.IdentityHash).Distinct().ToList();
        if (keys.Count == 0) return 0;
        var linked = await GuardiansByKeyAsync(db, keys, cancellationToken);
        var linkedUsers = linked.Values.ToList();
        var pupilIds = pupilOfRow.Values.Where(v => v is not null).Select(v => v!.Value).ToList();
        var existing = (await db.Guardianships.AsNoTracking()
                .Where(g => g.EndedUtc == null && linkedUsers.Contains(g.GuardianUserId))
                .Select(g => new { g.PupilId, g.GuardianUserId }).ToListAsync(cancellationToken))
            .Where(g => pupilIds.Contains(g.PupilId))
            .Select(g => (g.PupilId, g.GuardianUserId)).ToHashSet();
        var count = 0;
        foreach (var row in good)
            foreach (var guardian in row.Guardians.DistinctBy(g => g.IdentityHash))
            {
                if (pupilOfRow[row] is { } pupilId && linked.TryGetValue(guardian.IdentityHash, out var userId) && existing.Contains((pupilId, userId))) continue;
                count++;
            }
        return count;
    }

    /// <summary>
    /// The Feide links the rows ask for, as <see cref="Admin.LinkPupilFeide"/> makes them one at a time: a pupil already linked
    /// to the identifier is left alone, and an identifier that is another person's open link (a staff user's or another
    /// pupil's) is refused — the pupil is still imported, only not linked. A row without an identifier ends no link.
    /// </summary>
    private static async Task<(List<PlannedFeideLink> Links, List<ImportRow> Refused)> PlanFeideLinksAsync(AppDbContext db, List<ImportRow> good,
        Dictionary<ImportRow, Guid?> pupilOfRow, CancellationToken cancellationToken)
    {
        var rows = good.Where(r => r.Feide is not null).ToList();
        if (rows.Count == 0) return ([], []);
        var holders = new Dictionary<string, Guid?>(StringComparer.Ordinal); // identifier → the pupil whose account holds it (null: a staff user)
        foreach (var chunk in rows.Select(r => r.Feide!).Distinct().Chunk(500))
        {
            var keys = chunk.ToList();
            foreach (var link in await (from l in db.ExternalLogins.AsNoTracking()
                                        where l.Provider == ExternalProvider.Feide && l.UnlinkedUtc == null && keys.Contains(l.Key)
                                        join u in db.Users on l.UserId equals u.Id
                                        select new { l.Key, u.PupilId }).ToListAsync(cancellationToken))
                holders.TryAdd(link.Key, link.PupilId);
        }
        var current = new Dictionary<Guid, string>(); // pupil → the identifier it is linked to now
        foreach (var chunk in rows.Select(r => pupilOfRow[r]).OfType<Guid>().Chunk(500))
        {
            var pupilIds = chunk.ToList();
            foreach (var link in await (from u in db.Users.AsNoTracking()
                                        where u.PupilId != null && pupilIds.Contains(u.PupilId.Value)
                                        join l in db.ExternalLogins on u.Id equals l.UserId
                                        where l.Provider == ExternalProvider.Feide && l.UnlinkedUtc == null
                                        select new { u.PupilId, l.Key }).ToListAsync(cancellationToken))
                current.TryAdd(link.PupilId!.Value, link.Key);
        }
        var links = new List<PlannedFeideLink>();
        var refused = new List<ImportRow>();
        foreach (var row in rows)
        {
            var pupilId = pupilOfRow[row];
            var before = pupilId is { } id ? current.GetValueOrDefault(id) : null;
            if (before == row.Feide) continue;
            if (holders.TryGetValue(row.Feide!, out var holder) && (holder is null || holder != pupilId)) refused.Add(row);
            else links.Add(new PlannedFeideLink(pupilId, row, before));
        }
        return (links, refused);
    }

    /// <summary>The guardian user behind each keyed identity hash already linked to ID-porten.</summary>
    public static async Task<Dictionary<string, Guid>> GuardiansByKeyAsync(AppDbContext db, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Guid>();
        // In slices: a parameter list of thousands is more than SQLite and PostgreSQL like in one IN.
        foreach (var chunk in keys.Chunk(500))
        {
            var part = chunk.ToList();
            foreach (var link in await db.ExternalLogins.AsNoTracking()
                         .Where(l => l.Provider == ExternalProvider.IdPorten && l.UnlinkedUtc == null && part.Contains(l.Key))
                         .Select(l => new { l.Key, l.UserId }).ToListAsync(cancellationToken))
                found.TryAdd(link.Key, link.UserId);
        }
        return found;
    }

    /// <summary>A canonical account of every planned change, hashed: equal fingerprints, equal changes.</summary>
    private string Describe()
    {
        var text = new StringBuilder();
        foreach (var a in Added) text.Append("A|").Append(a.Row.ExternalId).Append('|').Append(a.Row.Name).Append('|').Append(a.Row.Group).Append('|').Append(a.Row.SchoolId).Append('\n');
        foreach (var c in Changed)
        {
            text.Append("C|").Append(c.PupilId);
            foreach (var change in c.Changes) text.Append('|').Append(change.Field).Append(':').Append(change.Before).Append('>').Append(change.After);
            text.Append('\n');
        }
        foreach (var d in Deactivated) text.Append("D|").Append(d.PupilId).Append('\n');
        text.Append("G|").Append(GuardiansAdded).Append('\n');
        foreach (var f in FeideLinks) text.Append("F|").Append(f.Row.ExternalId).Append('|').Append(f.Row.Feide).Append('|').Append(f.Before).Append('\n');
        foreach (var r in FeideRefused) text.Append("R|").Append(r.ExternalId).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

}

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
    IReadOnlyList<ImportRow> Skipped)
{
    public const string FieldName = "Name";
    public const string FieldGroup = "Group";
    public const string FieldSchool = "School";
    public const string FieldActive = "Active";

    public string Fingerprint { get; init; } = "";

    public bool HasWork => Added.Count + Changed.Count + Deactivated.Count + GuardiansAdded > 0;

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
        var plan = new PupilImportPlan(added, changed, deactivated, unchanged, guardiansAdded, [.. rows.Where(r => !r.IsValid)]);
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
        text.Append("G|").Append(GuardiansAdded);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

}

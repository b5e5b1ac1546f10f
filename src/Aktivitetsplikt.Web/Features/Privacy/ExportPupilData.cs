using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Privacy;

/// <summary>
/// Everything the system holds about one pupil (GDPR art. 15), for the school owner (the data controller; its § 9A team
/// sees every case of its schools): a zip with a readable .docx and the same data as JSON, section by section
/// (<see cref="IPupilDataSection"/>). A read, so not a command; the export itself is written to the audit chain — who
/// exported whose data, when, and which sections with how many records.
/// </summary>
public static class ExportPupilData
{
    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Query(Guid PupilId) : IRequest<Result>;

    public sealed record Result(byte[] Zip, string FileName, IReadOnlyList<string> Sections);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.PupilId).NotEmpty();
    }

    public const string JsonFileName = "innsyn.json";
    public const string DocumentFileName = "innsyn.docx";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        // Norwegian letters as they are, so the file reads in any editor; still escapes what HTML would need.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit, ReadAuditQueue reads, UiText text, IEnumerable<IPupilDataSection> sections)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var pupil = await (from p in db.Pupils.AsNoTracking()
                               join s in db.Schools.AsNoTracking() on p.SchoolId equals s.Id
                               where p.Id == query.PupilId && s.SchoolOwnerId == owner
                               select new { p.Id, Name = p.FirstName + " " + p.LastName }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The pupil");
            var cases = await db.Cases.AsNoTracking().VisibleTo(db, user).Where(c => c.PupilId == pupil.Id)
                .Select(c => new { c.Id, c.CaseNumber }).ToListAsync(cancellationToken);
            var scope = new PupilDataScope(pupil.Id, pupil.Name, cases.Select(c => c.Id).ToList(), cases.ToDictionary(c => c.Id, c => c.CaseNumber));

            // Views of the cases are written to the chain in batches: the access log must hold every one made before now.
            await reads.FlushAsync(cancellationToken);
            var parts = new List<PupilDataPart>();
            foreach (var section in sections.OrderBy(s => s.Order)) parts.Add(await section.CollectAsync(scope, cancellationToken));
            var now = time.UtcNow();

            var json = new Dictionary<string, object>
            {
                ["exportedAtUtc"] = now,
                ["exportedBy"] = user.Name,
                ["legalBasis"] = "GDPR art. 15",
            };
            foreach (var part in parts) json[part.Key] = part.Data;

            var doc = new DocxWriter()
                .EveryPageHeader(text["Documents.Exempt"])
                .Title(text.Format("Privacy.Export.Title", pupil.Name))
                .Paragraph(text.Format("Privacy.Export.Intro", text.Time(now), user.Name));
            foreach (var part in parts) part.Write(doc, text);

            var fileStem = $"innsyn-{Slug(pupil.Name)}-{UiText.ToOslo(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            var zip = Zip(now, [
                (DocumentFileName, doc.ToBytes(text.Format("Privacy.Export.Title", pupil.Name), PlanDocument.Language())),
                (JsonFileName, JsonSerializer.SerializeToUtf8Bytes(json, Json)),
                .. parts.SelectMany(p => p.Files ?? []).Select(f => (f.Name, f.Content))]);

            var counts = string.Join(",", parts.Select(p => $"\"{p.Key}\":{(p.Data is System.Collections.ICollection c ? c.Count : 1)}"));
            await audit.AppendAndSaveAsync("ExportPupilData", null,
                $"{{\"pupilId\":\"{pupil.Id}\",\"cases\":{cases.Count},\"sections\":{{{counts}}}}}", cancellationToken);
            return new Result(zip, fileStem + ".zip", parts.Select(p => p.Key).ToList());
        }
    }

    /// <summary>The pupil's name as a file name: letters and digits, the rest as hyphens (æøå kept).</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant()) slug.Append(char.IsLetterOrDigit(c) ? c : '-');
        return slug.ToString().Trim('-') is { Length: > 0 } s ? s : "elev";
    }

    private static byte[] Zip(DateTime nowUtc, IReadOnlyList<(string Name, byte[] Content)> files)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = UiText.ToOslo(nowUtc);
                using var writer = entry.Open();
                writer.Write(content);
            }
        return stream.ToArray();
    }
}

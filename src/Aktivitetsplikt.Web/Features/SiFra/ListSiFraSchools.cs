using System.Text;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// The schools a "si fra" message can go to, each with the short name a school's website can link with
/// (<c>/si-fra/nordvik-skole</c>). Only names: nothing about pupils, staff or cases.
/// </summary>
public static class ListSiFraSchools
{
    [PublicRequest]
    public sealed record Query : IRequest<IReadOnlyList<School>>;

    public sealed record School(Guid Id, string Name, string Slug);

    /// <summary>The school's name as a link segment: lower case, æ/ø/å spelt out, anything else a dash.</summary>
    public static string SlugOf(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            var part = c switch
            {
                'æ' => "ae",
                'ø' => "o",
                'å' => "a",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            };
            if (part == "-" && (slug.Length == 0 || slug[^1] == '-')) continue;
            slug.Append(part);
        }
        return slug.ToString().TrimEnd('-');
    }

    /// <summary>The school a link names, by its short name or its id; null when none matches.</summary>
    public static School? Find(IReadOnlyList<School> schools, string? slugOrId)
    {
        if (string.IsNullOrWhiteSpace(slugOrId) || slugOrId.Length > 200) return null;
        if (Guid.TryParse(slugOrId, out var id)) return schools.FirstOrDefault(s => s.Id == id);
        var slug = slugOrId.Trim().ToLowerInvariant();
        return schools.FirstOrDefault(s => s.Slug == slug);
    }

    public sealed class Handler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<School>>
    {
        public async Task<IReadOnlyList<School>> Handle(Query query, CancellationToken cancellationToken)
        {
            var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
            return [.. schools.Select(s => new School(s.Id, s.Name, SlugOf(s.Name)))];
        }
    }
}

using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Privacy;

/// <summary>The school owner's pupils by name or class, to pick whose data to export (at most 50, with how many cases each has).</summary>
public static class SearchPupils
{
    public const int MaxResults = 50;

    [AllowedRoles(Role.SchoolOwnerTeam)]
    public sealed record Query(string? Search) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Group, string School, int Cases);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).MaximumLength(100);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(query.Search)) return [];
            var term = SearchTerms.For(query.Search);
            var owner = user.SchoolOwnerId;
            var pupils = from p in db.Pupils.AsNoTracking().Where(term.PupilNameOrGroup())
                         join s in db.Schools.AsNoTracking() on p.SchoolId equals s.Id
                         where s.SchoolOwnerId == owner
                         orderby p.LastName, p.FirstName, p.Group
                         select new Item(p.Id, p.FirstName + " " + p.LastName, p.Group, s.Name, db.Cases.Count(c => c.PupilId == p.Id));
            return await pupils.Take(MaxResults).ToListAsync(cancellationToken);
        }
    }
}

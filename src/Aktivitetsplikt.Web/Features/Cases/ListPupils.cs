using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>The pupils of my school, for the concern form; optionally narrowed by a name or class search.</summary>
public static class ListPupils
{
    [AllowedRoles(Role.Staff, Role.Principal)]
    public sealed record Query(string? Search = null) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Group);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).MaximumLength(100);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            // A pupil who has left (deactivated) gets no new case: not offered here, refused by LogConcern.
            var pupils = db.Pupils.AsNoTracking().Where(p => p.SchoolId == user.SchoolId && p.IsActive);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = SearchTerms.For(query.Search);
                pupils = pupils.Where(term.PupilNameOrGroup());
            }
            return await pupils.OrderBy(p => p.Group).ThenBy(p => p.LastName).ThenBy(p => p.FirstName)
                .Select(p => new Item(p.Id, p.FirstName + " " + p.LastName, p.Group))
                .ToListAsync(cancellationToken);
        }
    }
}

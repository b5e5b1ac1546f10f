using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>The school owner's pupils for /admin/elever: search by name or elevnummer, filter by school, class and status, 50 to a page.</summary>
public static class ListAdminPupils
{
    public const int PageSize = 50;

    [AllowedRoles(Role.Administrator)]
    public sealed record Query(string? Search = null, Guid? SchoolId = null, string? Group = null, bool IncludeInactive = false, int Page = 1) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, IReadOnlyList<SchoolOption> Schools, IReadOnlyList<ImportItem> LastImports)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed record Item(Guid Id, string? ExternalId, string FirstName, string LastName, string Group, string SchoolName, bool IsActive, int Cases);
    public sealed record SchoolOption(Guid Id, string Name);
    public sealed record ImportItem(Guid Id, string FileName, DateTime UploadedUtc, DateTime? AppliedUtc, int Added, int Changed, int Deactivated);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Search).MaximumLength(100);
            RuleFor(q => q.Group).MaximumLength(20);
            RuleFor(q => q.Page).InclusiveBetween(1, 100_000);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == owner).OrderBy(s => s.Name)
                .Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            var schoolIds = schools.Select(s => s.Id).ToList();
            var pupils = db.Pupils.AsNoTracking().Where(p => schoolIds.Contains(p.SchoolId));
            if (!query.IncludeInactive) pupils = pupils.Where(p => p.IsActive);
            if (query.SchoolId is { } schoolId) pupils = pupils.Where(p => p.SchoolId == schoolId);
            if (!string.IsNullOrWhiteSpace(query.Group))
            {
                var group = SearchTerms.For(query.Group);
                pupils = pupils.Where(p => p.Group == group.AsTyped || p.Group == group.Upper || p.Group.ToLower() == group.Lower);
            }
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = SearchTerms.For(query.Search);
                pupils = pupils.Where(term.PupilNameOrExternalId());
            }
            var page = Math.Max(1, query.Page);
            var items = await (from p in pupils
                               join s in db.Schools on p.SchoolId equals s.Id
                               orderby s.Name, p.Group, p.LastName, p.FirstName
                               select new Item(p.Id, p.ExternalId, p.FirstName, p.LastName, p.Group, s.Name, p.IsActive, db.Cases.Count(c => c.PupilId == p.Id)))
                .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            var imports = await db.PupilImportBatches.AsNoTracking().Where(b => b.SchoolOwnerId == owner && b.AppliedUtc != null)
                .OrderByDescending(b => b.AppliedUtc).Take(5)
                .Select(b => new ImportItem(b.Id, b.FileName, b.UploadedUtc, b.AppliedUtc, b.Added, b.Changed, b.Deactivated)).ToListAsync(cancellationToken);
            return new Result(items, await pupils.CountAsync(cancellationToken), page, schools, imports);
        }
    }
}

/// <summary>One pupil for the edit page, with their cases (which stay whatever happens to the pupil).</summary>
public static class GetAdminPupil
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid PupilId) : IRequest<Result>;

    public sealed record Result(Guid Id, string? ExternalId, string FirstName, string LastName, string Group, Guid SchoolId, string SchoolName,
        bool IsActive, DateTime? DeactivatedUtc, int Cases, IReadOnlyList<ListAdminPupils.SchoolOption> Schools);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pupil = await db.OwnPupilAsync(user, query.PupilId, cancellationToken);
            var owner = user.SchoolOwnerId;
            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == owner).OrderBy(s => s.Name)
                .Select(s => new ListAdminPupils.SchoolOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            return new Result(pupil.Id, pupil.ExternalId, pupil.FirstName, pupil.LastName, pupil.Group, pupil.SchoolId,
                schools.Single(s => s.Id == pupil.SchoolId).Name, pupil.IsActive, pupil.DeactivatedUtc,
                await db.Cases.CountAsync(c => c.PupilId == pupil.Id, cancellationToken), schools);
        }
    }
}

/// <summary>
/// The administrator corrects a pupil: name, class, school, elevnummer, active. Never deleted: a pupil who has left is
/// deactivated (no new case; their cases stay). The audit chain gets the values before and after.
/// </summary>
public static class UpdatePupil
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid PupilId, Guid SchoolId, string FirstName, string LastName, string Group, string? ExternalId, bool IsActive) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.FirstName).RequiredName(100);
            RuleFor(c => c.LastName).RequiredName(100);
            RuleFor(c => c.Group).RequiredName(20);
            RuleFor(c => c.ExternalId!).RequiredName(50).When(c => !string.IsNullOrEmpty(c.ExternalId));
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var pupil = await db.OwnPupilAsync(user, command.PupilId, cancellationToken);
            var school = await db.OwnSchoolAsync(user, command.SchoolId, cancellationToken);
            var externalId = string.IsNullOrWhiteSpace(command.ExternalId) ? null : command.ExternalId.Trim();
            if (externalId is not null)
            {
                var owner = user.SchoolOwnerId;
                var taken = await db.Pupils.AnyAsync(p => p.Id != pupil.Id && p.ExternalId == externalId
                    && db.Schools.Any(s => s.Id == p.SchoolId && s.SchoolOwnerId == owner), cancellationToken);
                if (taken) throw AdminRules.Refusal(nameof(Command.ExternalId), "Admin.Refusal.ExternalIdTaken");
            }
            var before = new { pupil.FirstName, pupil.LastName, pupil.Group, pupil.SchoolId, pupil.ExternalId, pupil.IsActive };
            pupil.Rename(command.FirstName, command.LastName);
            pupil.Place(school.Id, command.Group);
            pupil.SetExternalId(externalId);
            if (command.IsActive) pupil.Activate();
            else pupil.Deactivate(time.UtcNow());
            var after = new { pupil.FirstName, pupil.LastName, pupil.Group, pupil.SchoolId, pupil.ExternalId, pupil.IsActive };
            await audit.AppendAsync("PupilChanged", null, null, null, JsonSerializer.Serialize(new { pupil = pupil.Id, before, after }), cancellationToken);
            return Unit.Value;
        }
    }
}

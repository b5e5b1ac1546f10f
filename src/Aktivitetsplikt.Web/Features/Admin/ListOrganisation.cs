using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>The administrator's school owner: its schools (with how many users and pupils), its users and its deadline routine.</summary>
public static class ListOrganisation
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(Guid SchoolOwnerId, string SchoolOwnerName, DeadlinePolicy DeadlinePolicy,
        IReadOnlyList<SchoolItem> Schools, IReadOnlyList<UserItem> Users)
    {
        public UserItem? User(Guid id) => Users.FirstOrDefault(u => u.Id == id);
        public SchoolItem? School(Guid id) => Schools.FirstOrDefault(s => s.Id == id);
    }

    public sealed record SchoolItem(Guid Id, string Name, int UserCount, int PupilCount);

    public sealed record UserItem(Guid Id, string UserName, string DisplayName, Role Role, Guid? SchoolId, string? SchoolName,
        bool IsActive, bool IsDemo);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        private static readonly StringComparer Norwegian = StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: true);

        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var ownerId = user.SchoolOwnerId;
            var owner = await db.SchoolOwners.AsNoTracking().Where(o => o.Id == ownerId)
                .Select(o => new { o.Name, o.InvestigationStartSchoolDays, o.ImmediateInvestigationHours, o.PlanAdoptionSchoolDays, o.HolidaysShiftDeadlines })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundOrNoAccessException("The school owner");

            var schools = await db.Schools.AsNoTracking().Where(s => s.SchoolOwnerId == ownerId)
                .Select(s => new SchoolItem(s.Id, s.Name,
                    db.Users.Count(u => u.SchoolId == s.Id),
                    db.Pupils.Count(p => p.SchoolId == s.Id)))
                .ToListAsync(cancellationToken);

            // Sorted here: Norwegian collation.
            var users = await (from u in db.Users.AsNoTracking()
                               // Guardians are registered for a pupil and listed on /admin/foresatte, pupils' own accounts are on
                               // the pupil's page: neither is a user here.
                               where u.SchoolOwnerId == ownerId && u.Role != Role.Guardian && u.Role != Role.Pupil
                               join s in db.Schools on u.SchoolId equals s.Id into school
                               from s in school.DefaultIfEmpty()
                               select new { u.Id, u.UserName, u.DisplayName, u.Role, u.SchoolId, SchoolName = s == null ? null : s.Name, u.IsActive, u.IsDemo })
                .ToListAsync(cancellationToken);

            return new Result(ownerId, owner.Name,
                new DeadlinePolicy(owner.InvestigationStartSchoolDays, owner.ImmediateInvestigationHours, owner.PlanAdoptionSchoolDays, owner.HolidaysShiftDeadlines),
                schools.OrderBy(s => s.Name, Norwegian).ToList(),
                users.Select(u => new UserItem(u.Id, u.UserName, u.DisplayName, u.Role, u.SchoolId, u.SchoolName, u.IsActive, u.IsDemo))
                    .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName, Norwegian).ToList());
        }
    }
}

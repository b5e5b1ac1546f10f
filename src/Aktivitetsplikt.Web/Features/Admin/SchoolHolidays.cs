using Aktivitetsplikt.Web.Features.Cases;
using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>The school owner's holidays and breaks: days that are not school days when deadlines are counted.</summary>
public static class ListSchoolHolidays
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(DateOnly? From = null) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, DateOnly Date, string Name);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var holidays = await db.SchoolHolidays.AsNoTracking().Where(h => h.SchoolOwnerId == owner)
                .Select(h => new Item(h.Id, h.Date, h.Name)).ToListAsync(cancellationToken);
            // Ordered here: the dates are stored as text, and the filter is cheap on a few hundred rows.
            return holidays.Where(h => query.From is null || h.Date >= query.From).OrderBy(h => h.Date).ToList();
        }
    }
}

/// <summary>Adds a day off for the administrator's school owner. It counts for deadlines set from now on.</summary>
public static class AddSchoolHoliday
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(DateOnly? Date, string? Name) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Date).NotNull().SensibleDate(time);
            RuleFor(c => c.Name!).RequiredText(SchoolHoliday.MaxNameLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.OwnSchoolOwnerAsync(user, cancellationToken);
            var date = command.Date!.Value;
            if (await db.SchoolHolidays.AnyAsync(h => h.SchoolOwnerId == owner.Id && h.Date == date, cancellationToken))
                throw AdminRules.Refusal(nameof(Command.Date), "Admin.Holidays.Exists");
            db.SchoolHolidays.Add(new SchoolHoliday(owner.Id, date, command.Name!));
            return Unit.Value;
        }
    }
}

/// <summary>
/// Removes a day off. Configuration, not case history, so it may be removed; the audit chain keeps
/// which day and name were removed, by whom. Deadlines already set stay as they were set.
/// </summary>
public static class RemoveSchoolHoliday
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid HolidayId) : ICommand<Unit>;

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var holiday = await db.SchoolHolidays.SingleOrDefaultAsync(h => h.Id == command.HolidayId && h.SchoolOwnerId == owner, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The holiday");
            db.SchoolHolidays.Remove(holiday);
            await audit.AppendAsync("SchoolHolidayRemoved", null, null, null,
                JsonSerializer.Serialize(new { holiday.Id, Date = holiday.Date.ToString("yyyy-MM-dd"), holiday.Name }), cancellationToken);
            return Unit.Value;
        }
    }
}

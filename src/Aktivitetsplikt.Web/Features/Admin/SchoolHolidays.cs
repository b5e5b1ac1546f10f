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

/// <summary>
/// Days off as a person reads them: a break is one period ("Høstferie, 28.09.–02.10."), not five rows. Days with the
/// same name follow each other when nothing but a weekend lies between them.
/// </summary>
public static class HolidayPeriods
{
    public sealed record Period(DateOnly From, DateOnly To, string Name, IReadOnlyList<Guid> Ids)
    {
        public int Days => Ids.Count;
    }

    public static IReadOnlyList<Period> Of(IEnumerable<ListSchoolHolidays.Item> holidays)
    {
        var periods = new List<Period>();
        foreach (var day in holidays.OrderBy(h => h.Date))
        {
            if (periods.Count > 0 && periods[^1] is var last && last.Name == day.Name && NextWeekday(last.To) >= day.Date)
                periods[^1] = last with { To = day.Date, Ids = [.. last.Ids, day.Id] };
            else
                periods.Add(new Period(day.Date, day.Date, day.Name, [day.Id]));
        }
        return periods;
    }

    /// <summary>Every Monday to Friday from one date through another: the days a break closes the schools.</summary>
    public static IEnumerable<DateOnly> Weekdays(DateOnly from, DateOnly through)
    {
        for (var date = from; date <= through; date = date.AddDays(1))
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) yield return date;
    }

    private static DateOnly NextWeekday(DateOnly date)
    {
        var next = date.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) next = next.AddDays(1);
        return next;
    }
}

/// <summary>
/// Adds a day off, or a break (from a date through another: every Monday to Friday in it), for the administrator's
/// school owner. Days already registered are kept as they are. It counts for deadlines set from now on.
/// </summary>
public static class AddSchoolHoliday
{
    /// <summary>The longest break taken in one go: a summer holiday with some room.</summary>
    public const int MaxPeriodDays = 92;

    /// <summary>Returns how many days were added.</summary>
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(DateOnly? Date, string? Name, DateOnly? Through = null) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Date).NotNull().SensibleDate(time);
            RuleFor(c => c.Through).SensibleDate(time)
                .Must((c, through) => through is null || c.Date is null || through >= c.Date).WithErrorCode("Admin.Validation.HolidayPeriodOrder")
                .Must((c, through) => through is null || c.Date is null || through.Value.DayNumber - c.Date.Value.DayNumber < MaxPeriodDays)
                    .WithErrorCode("Admin.Validation.HolidayPeriodLength");
            RuleFor(c => c.Name!).RequiredText(SchoolHoliday.MaxNameLength);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.OwnSchoolOwnerAsync(user, cancellationToken);
            var from = command.Date!.Value;
            // One date is taken as given (a school may close on a Saturday it normally opens); a break is its weekdays.
            var dates = command.Through is { } through && through > from ? HolidayPeriods.Weekdays(from, through).ToList() : [from];
            var taken = (await db.SchoolHolidays.AsNoTracking().Where(h => h.SchoolOwnerId == owner.Id).Select(h => h.Date)
                .ToListAsync(cancellationToken)).ToHashSet();
            var added = dates.Where(d => !taken.Contains(d)).ToList();
            if (added.Count == 0)
                throw AdminRules.Refusal(nameof(Command.Date), dates.Count == 1 ? "Admin.Holidays.Exists" : "Admin.Holidays.AllExist");
            foreach (var date in added) db.SchoolHolidays.Add(new SchoolHoliday(owner.Id, date, command.Name!));
            return added.Count;
        }
    }
}

/// <summary>
/// Removes a day off, or the days of a break (the day given and every day with its name through a later date).
/// Configuration, not case history, so it may be removed; the audit chain keeps which days and name were removed, by
/// whom. Deadlines already set stay as they were set.
/// </summary>
public static class RemoveSchoolHoliday
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid HolidayId, DateOnly? Through = null) : ICommand<Unit>;

    public sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = user.SchoolOwnerId;
            var first = await db.SchoolHolidays.SingleOrDefaultAsync(h => h.Id == command.HolidayId && h.SchoolOwnerId == owner, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The holiday");
            var removed = new List<SchoolHoliday> { first };
            if (command.Through is { } through && through > first.Date)
            {
                // Dates are compared here, not in SQL: they are stored as text, and an owner has a few hundred rows.
                var sameName = await db.SchoolHolidays.Where(h => h.SchoolOwnerId == owner && h.Name == first.Name && h.Id != first.Id)
                    .ToListAsync(cancellationToken);
                removed.AddRange(sameName.Where(h => h.Date > first.Date && h.Date <= through));
            }
            db.SchoolHolidays.RemoveRange(removed);
            foreach (var holiday in removed.OrderBy(h => h.Date))
                await audit.AppendAsync("SchoolHolidayRemoved", null, null, null,
                    JsonSerializer.Serialize(new { holiday.Id, Date = holiday.Date.ToString("yyyy-MM-dd"), holiday.Name }), cancellationToken);
            return Unit.Value;
        }
    }
}

using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Deadlines;

public sealed class SchoolHolidayTests : SliceTest
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task InvestigationDeadline_SkipsTheSchoolOwnersHoliday_WhereTheRoutineSaysSo()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero); // Friday 10:00 in Oslo
        await App.SendAs(Org.Admin, new SetDeadlinePolicy.Command(3, 24, HolidaysShiftDeadlines: true));
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(Monday, "Planleggingsdag"));

        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble dyttet.", notify: true);

        (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc
            .Should().Be(new DateTime(2026, 11, 26, 22, 59, 59, DateTimeKind.Utc), "Tuesday, Wednesday and Thursday are the three school days");
    }

    [Fact]
    public async Task InvestigationDeadline_ByDefault_IsNotPausedByTheSchoolOwnersHoliday()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero); // Friday 10:00 in Oslo
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(Monday, "Planleggingsdag"));

        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble dyttet.", notify: true);

        var deadline = (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation);
        deadline.DueUtc.Should().Be(new DateTime(2026, 11, 25, 22, 59, 59, DateTimeKind.Utc), "\"snarast\" does not pause: Monday to Wednesday");
        deadline.ShiftedByHolidays.Should().BeFalse();
    }

    [Fact]
    public async Task RemovedHoliday_CountsAgain_AndTheRemovalIsAudited()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(Monday, "Planleggingsdag"));
        var holiday = (await App.SendAs(Org.Admin, new ListSchoolHolidays.Query())).Single();

        await App.SendAs(Org.Admin, new RemoveSchoolHoliday.Command(holiday.Id));

        (await App.SendAs(Org.Admin, new ListSchoolHolidays.Query())).Should().BeEmpty();
        var audit = await App.AuditEntriesAsync();
        audit.Should().Contain(a => a.Action == "SchoolHolidayRemoved" && a.Details.Contains("2026-11-23") && a.Details.Contains("Planleggingsdag")
            && a.UserId == Org.Admin.Id);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble dyttet.", notify: true);
        (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.Kind == DeadlineKind.StartInvestigation).DueUtc
            .Should().Be(new DateTime(2026, 11, 25, 22, 59, 59, DateTimeKind.Utc));
    }

    [Fact]
    public async Task SameDateTwice_IsRefused()
    {
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(Monday, "Planleggingsdag"));

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new AddSchoolHoliday.Command(Monday, "Noe annet")))
            .Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Holidays.Exists");
    }

    [Fact]
    public async Task ABreak_AddsEveryWeekdayFromItsFirstThroughItsLastDay_AndKeepsTheDaysAlreadyRegistered()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2026, 10, 1), "Planleggingsdag"));

        // Monday 28 September through Sunday 4 October: five weekdays, one of them already a day off.
        var added = await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2026, 9, 28), "Høstferie", new DateOnly(2026, 10, 4)));

        added.Should().Be(4);
        var days = await App.SendAs(Org.Admin, new ListSchoolHolidays.Query());
        days.Select(d => (d.Date.Day, d.Name)).Should().Equal((28, "Høstferie"), (29, "Høstferie"), (30, "Høstferie"), (1, "Planleggingsdag"), (2, "Høstferie"));
    }

    [Fact]
    public async Task ABreakThatEndsBeforeItStarts_OrRunsOverAQuarterOfAYear_IsRefusedWithTheReason()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

        var backwards = await FluentActions.Awaiting(() => App.SendAs(Org.Admin,
            new AddSchoolHoliday.Command(new DateOnly(2026, 10, 2), "Høstferie", new DateOnly(2026, 9, 28)))).Should().ThrowAsync<ValidationException>();
        backwards.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Validation.HolidayPeriodOrder");
        var tooLong = await FluentActions.Awaiting(() => App.SendAs(Org.Admin,
            new AddSchoolHoliday.Command(new DateOnly(2026, 9, 1), "Ferie", new DateOnly(2027, 1, 1)))).Should().ThrowAsync<ValidationException>();
        tooLong.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Validation.HolidayPeriodLength");
        (await App.SendAs(Org.Admin, new ListSchoolHolidays.Query())).Should().BeEmpty();
    }

    [Fact]
    public async Task ABreakWhoseDaysAreAllRegistered_IsRefused()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2026, 9, 28), "Høstferie", new DateOnly(2026, 10, 2)));

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Admin,
            new AddSchoolHoliday.Command(new DateOnly(2026, 9, 26), "Høstferie", new DateOnly(2026, 10, 4)))).Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "Admin.Holidays.AllExist");
    }

    [Fact]
    public async Task RemovingABreak_RemovesEachOfItsDays_ButNotAnotherDayOffInsideIt_AndAuditsEveryDay()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2026, 12, 25), "1. juledag"));
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2026, 12, 21), "Juleferie", new DateOnly(2027, 1, 1)));
        var days = await App.SendAs(Org.Admin, new ListSchoolHolidays.Query());
        var first = days.First(d => d.Name == "Juleferie");

        await App.SendAs(Org.Admin, new RemoveSchoolHoliday.Command(first.Id, new DateOnly(2027, 1, 1)));

        (await App.SendAs(Org.Admin, new ListSchoolHolidays.Query())).Should().ContainSingle().Which.Name.Should().Be("1. juledag");
        var audit = await App.AuditEntriesAsync();
        audit.Count(a => a.Action == "SchoolHolidayRemoved" && a.Details.Contains("Juleferie")).Should().Be(9, "each weekday of the break but Christmas Day");
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void DaysOff_AreListedAsPeriods_WhenTheyShareANameAndOnlyAWeekendLiesBetween()
    {
        ListSchoolHolidays.Item Day(int month, int day, string name) => new(Guid.NewGuid(), new DateOnly(2026, month, day), name);
        var days = new[]
        {
            Day(10, 1, "Høstferie"), Day(10, 2, "Høstferie"), Day(10, 5, "Høstferie"), // Thursday, Friday, Monday
            Day(10, 7, "Høstferie"), // Wednesday: Tuesday is a school day between
            Day(10, 8, "Planleggingsdag"),
        };

        var periods = HolidayPeriods.Of(days.Reverse());

        periods.Select(p => (p.From.Day, p.To.Day, p.Name, p.Days)).Should().Equal(
            (1, 5, "Høstferie", 3), (7, 7, "Høstferie", 1), (8, 8, "Planleggingsdag", 1));
    }

    [Fact]
    public async Task OnlyTheAdministrator_ManagesHolidays()
    {
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new AddSchoolHoliday.Command(Monday, "Fri")))
            .Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task UserEmail_IsSetValidatedAndCleared()
    {
        await App.SendAs(Org.Admin, new SetUserEmail.Command(Org.Principal1.Id, " randi@example.org "));
        (await App.SendAs(Org.Admin, new GetUserEmail.Query(Org.Principal1.Id))).Should().Be("randi@example.org");

        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new SetUserEmail.Command(Org.Principal1.Id, "ikke en adresse")))
            .Should().ThrowAsync<ValidationException>();

        await App.SendAs(Org.Admin, new SetUserEmail.Command(Org.Principal1.Id, ""));
        (await App.SendAs(Org.Admin, new GetUserEmail.Query(Org.Principal1.Id))).Should().BeNull();
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        (await App.OutboxAsync()).Should().BeEmpty();
    }
}

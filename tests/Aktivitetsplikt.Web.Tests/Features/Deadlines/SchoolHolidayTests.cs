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

using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Tests.Features.Deadlines;

public sealed class DeadlineReminderTests : SliceTest
{
    [Fact]
    public async Task DeadlineWithinTheLeadTime_RemindsTheReporterOnce_AcrossRunsAndARestart()
    {
        await App.GiveEmailAsync(Org.StaffA);
        // Logged Wednesday 11:00 without telling the principal: due 23:59:59 the same day.
        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma gråt i garderoben.");

        (await App.Reminders().RunOnceAsync(Clock.UtcDateTime)).Should().Be(1);
        (await App.Reminders().RunOnceAsync(Clock.UtcDateTime.AddMinutes(5))).Should().Be(0);
        (await Restarted().RunOnceAsync(Clock.UtcDateTime.AddMinutes(10))).Should().Be(0);

        var reminder = (await App.NotificationsAsync(Org.StaffA)).Should().ContainSingle().Subject;
        reminder.Kind.Should().Be(NotificationKind.DeadlineDueSoon);
        reminder.CaseId.Should().Be(id);
        reminder.DeadlineKind.Should().Be(DeadlineKind.NotifyPrincipal);
        reminder.DueUtc.Should().Be(new DateTime(2026, 11, 18, 22, 59, 59, DateTimeKind.Utc));
        (await App.OutboxAsync()).Should().ContainSingle(m => m.NotificationId == reminder.Id);
    }

    [Fact]
    public async Task MissedDeadline_RemindsOnceMore_OnTheDayItIsMissed()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma gråt i garderoben.");
        await App.Reminders().RunOnceAsync(Clock.UtcDateTime);

        var missedAt = new DateTime(2026, 11, 18, 23, 5, 0, DateTimeKind.Utc);
        (await App.Reminders().RunOnceAsync(missedAt)).Should().Be(1);
        (await Restarted().RunOnceAsync(missedAt.AddHours(6))).Should().Be(0);

        (await App.NotificationsAsync(Org.StaffA)).Select(n => n.Kind)
            .Should().Equal(NotificationKind.DeadlineDueSoon, NotificationKind.DeadlineMissed);
    }

    [Fact]
    public async Task DeadlineFurtherAwayThanTheLeadTime_IsNotRemindedYet()
    {
        var id = await App.ACase().PrincipalNotified();
        var due = (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.IsOpen).DueUtc;

        (await App.Reminders().RunOnceAsync(due.AddHours(-25))).Should().Be(0);
        (await App.Reminders().RunOnceAsync(due.AddHours(-23))).Should().Be(1);

        var reminder = (await App.NotificationsAsync(Org.Principal1)).Single(n => n.Kind == NotificationKind.DeadlineDueSoon);
        reminder.DeadlineKind.Should().Be(DeadlineKind.StartInvestigation);
    }

    [Fact]
    public async Task MetDeadline_IsNotReminded()
    {
        var id = await App.ACase().PrincipalNotified();
        await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, null));

        await App.Reminders().RunOnceAsync(Clock.UtcDateTime.AddDays(30));

        (await App.NotificationsAsync()).Should().NotContain(n => n.DeadlineKind == DeadlineKind.StartInvestigation,
            "the investigation started in time; only the routine's plan deadline is still open");
    }

    [Fact]
    public async Task PlanDueForEvaluation_TellsThePrincipal_AndTheResponsibleForTheMeasure()
    {
        var id = await App.ACase().MeasureResponsible(Org.StaffB).Measures();
        var evaluation = (await App.LoadCaseAsync(id)).Deadlines.Single(d => d.IsOpen && d.Kind == DeadlineKind.EvaluatePlan);
        var before = (await App.NotificationsAsync()).Count;

        (await App.Reminders().RunOnceAsync(evaluation.DueUtc.AddHours(-12))).Should().Be(2);
        (await App.Reminders().RunOnceAsync(evaluation.DueUtc.AddHours(-6))).Should().Be(0);

        var added = (await App.NotificationsAsync()).Skip(before).ToList();
        added.Should().ContainSingle(n => n.RecipientUserId == Org.Principal1.Id && n.Kind == NotificationKind.EvaluationDue && n.SourceId == evaluation.Id);
        added.Should().ContainSingle(n => n.RecipientUserId == Org.StaffB.Id && n.Kind == NotificationKind.MeasureDue && n.DueUtc == evaluation.DueUtc);
    }

    [Fact]
    public async Task SeveralMeasuresDueTheSameDay_GiveTheResponsibleOneReminder_AndAMeasureWithItsOwnDateAnother()
    {
        var id = await App.ACase().Investigating();
        var evaluationDate = CaseBuilder.EvaluationDate(App);
        var ownDate = evaluationDate.AddDays(-7);
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, new PlanInput("Eleven blir holdt utenfor.",
            new[]
            {
                new MeasureInput("Voksen i friminuttene", "Hvert friminutt", Org.StaffB.DisplayName, Org.StaffB.Id, null),
                new MeasureInput("Faste grupper i timene", "Alle timer", Org.StaffB.DisplayName, Org.StaffB.Id, null),
                new MeasureInput("Samtale med klassen", "Neste uke", Org.StaffB.DisplayName, Org.StaffB.Id, ownDate),
            },
            evaluationDate, "Eleven vil ha en voksen ute.", "Samtale", "Foreldrene er enige.", "Møte")));

        await App.Reminders().RunOnceAsync(SchoolCalendar.EndOfOsloDayUtc(evaluationDate));
        await Restarted().RunOnceAsync(SchoolCalendar.EndOfOsloDayUtc(evaluationDate).AddHours(1));

        (await App.NotificationsAsync(Org.StaffB)).Where(n => n.Kind == NotificationKind.MeasureDue).Select(n => n.DueUtc)
            .Should().BeEquivalentTo(new[] { SchoolCalendar.EndOfOsloDayUtc(ownDate), SchoolCalendar.EndOfOsloDayUtc(evaluationDate) });
    }

    [Fact]
    public async Task MissedDeadlineOnASection12_5Case_AlsoTellsTheTeam()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "En ansatt skal ha tatt hardt i Emma.", notify: true, employee: true);
        var before = (await App.NotificationsAsync()).Count;

        await App.Reminders().RunOnceAsync(Clock.UtcDateTime.AddHours(25));

        var missed = (await App.NotificationsAsync()).Skip(before).Where(n => n.Kind == NotificationKind.DeadlineMissed).ToList();
        missed.Select(n => n.RecipientUserId).Should().BeEquivalentTo(new[] { Org.Principal1.Id, Org.Team.Id });
    }

    [Fact]
    public async Task TwoRunsAtOnce_WriteEachReminderOnce()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma gråt.");
        await App.LogConcernAsync(Org.StaffB, Org.Noah, "Noah gråt.");

        var runs = await Task.WhenAll(App.Reminders().RunOnceAsync(Clock.UtcDateTime), Restarted().RunOnceAsync(Clock.UtcDateTime));

        runs.Sum().Should().Be(2);
        (await App.NotificationsAsync()).Count(n => n.Kind == NotificationKind.DeadlineDueSoon).Should().Be(2);
    }

    /// <summary>A new service instance over the same database, as after the app restarts.</summary>
    private DeadlineReminderService Restarted() =>
        new(App.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new NotificationOptions()), Clock,
            NullLogger<DeadlineReminderService>.Instance);
}

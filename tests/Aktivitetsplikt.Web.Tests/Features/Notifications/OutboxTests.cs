using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

public sealed class OutboxTests : SliceTest
{
    [Fact]
    public async Task FailingMailServer_IsRetriedLaterWithBackoff_AndTheMessageIsDeliveredOnce()
    {
        await App.GiveEmailAsync(Org.Principal1);
        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        var smtp = new FakeSmtpSender { Down = true };
        var dispatcher = App.Dispatcher(smtp);

        (await dispatcher.DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0);

        var failed = (await App.OutboxAsync()).Single();
        failed.SentAtUtc.Should().BeNull();
        failed.Attempts.Should().Be(1);
        failed.LastError.Should().Contain("Service not available");
        failed.NextAttemptAtUtc.Should().Be(Clock.UtcDateTime.AddMinutes(1));

        // Not before its time, even when the server is back.
        smtp.Down = false;
        (await dispatcher.DispatchOnceAsync(Clock.UtcDateTime.AddSeconds(30))).Should().Be(0);
        smtp.Attempts.Should().Be(1);

        smtp.Down = true;
        Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchOnceAsync(Clock.UtcDateTime);
        (await App.OutboxAsync()).Single().NextAttemptAtUtc.Should().Be(Clock.UtcDateTime.AddMinutes(2), "the wait doubles");

        smtp.Down = false;
        Clock.Advance(TimeSpan.FromMinutes(2));
        (await dispatcher.DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(1);
        // A restarted dispatcher finds nothing left to send.
        (await App.Dispatcher(smtp).DispatchOnceAsync(Clock.UtcDateTime.AddHours(1))).Should().Be(0);

        var sent = (await App.OutboxAsync()).Single();
        sent.SentAtUtc.Should().Be(Clock.UtcDateTime);
        sent.Attempts.Should().Be(3);
        sent.LastError.Should().BeNull();
        var mail = smtp.Delivered.Should().ContainSingle().Subject;
        mail.To.Should().Be("randi.rektor@example.org");
        mail.Body.Should().Contain($"http://localhost:5080/saker/{id}");
    }

    [Fact]
    public async Task WithoutSmtp_MessagesWaitInTheOutbox_AndTheAdministratorSeesHowMany()
    {
        await App.GiveEmailAsync(Org.Principal1);
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");
        await App.LogConcernAsync(Org.StaffB, Org.Noah, "Noah ble ertet.");
        var smtp = new FakeSmtpSender();

        (await App.Dispatcher(smtp, smtpConfigured: false).DispatchOnceAsync(Clock.UtcDateTime.AddDays(1))).Should().Be(0);

        smtp.Attempts.Should().Be(0);
        (await App.OutboxAsync()).Should().HaveCount(2).And.OnlyContain(m => m.SentAtUtc == null && m.Attempts == 0);
        var status = await App.SendAs(Org.Admin, new GetOutboxStatus.Query());
        status.Should().Be(new GetOutboxStatus.Result(2, 0, false));
    }

    [Fact]
    public async Task RecipientWithoutEmail_GetsTheInAppNotificationOnly()
    {
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble ertet.");

        (await App.NotificationsAsync(Org.Principal1)).Should().ContainSingle();
        (await App.OutboxAsync()).Should().BeEmpty();
    }

    /// <summary>Privacy: whatever happens in a case, the e-mails say only that a case needs attention, with a link.</summary>
    [Fact]
    public async Task NothingSent_ContainsPupilNamesOrCaseText()
    {
        var forbidden = await App.WriteEveryKindOfNotificationAsync();
        var smtp = new FakeSmtpSender();

        await App.Dispatcher(smtp).DispatchOnceAsync(Clock.UtcDateTime);

        smtp.Delivered.Select(m => m.Subject).Distinct().Should().HaveCount(1, "the subject is the same for every notification");
        smtp.Delivered.Should().HaveCount((await App.OutboxAsync()).Count).And.HaveCountGreaterThan(6);
        foreach (var mail in smtp.Delivered)
        {
            var text = mail.Subject + "\n" + mail.Body;
            foreach (var word in forbidden) text.Should().NotContainEquivalentOf(word);
            text.Should().MatchRegex(@"http://localhost:5080/saker/[0-9a-f-]{36}");
        }
    }

    [Fact]
    public async Task EmailFollowsTheRecipientsLanguage()
    {
        var (nb, _) = NotificationEmail.Compose(NotificationKind.NewConcern, Guid.Empty, "nb-NO", "https://skole.example.org/");
        var (nn, body) = NotificationEmail.Compose(NotificationKind.NewConcern, Guid.Empty, "nn-NO", "https://skole.example.org/");

        nb.Should().Be("Aktivitetsplikt: en sak trenger deg");
        nn.Should().Be("Aktivitetsplikt: ei sak treng deg");
        body.Should().Contain($"https://skole.example.org/saker/{Guid.Empty}");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Notifications;

/// <summary>
/// The outbox dispatcher with its real MailKit sender against real SMTP servers on loopback
/// (<see cref="SmtpServerFixture"/>): what arrives, and what a refusing, vanishing or silent server leaves behind.
/// </summary>
public sealed class SmtpDeliveryTests(SmtpServerFixture smtp) : SliceTest, IClassFixture<SmtpServerFixture>
{
    [Fact]
    public async Task Delivered_ArrivesAtTheServerAsWritten_AndCarriesNoPersonalData()
    {
        var forbidden = await App.WriteEveryKindOfNotificationAsync();
        var outbox = await App.OutboxAsync();
        await using var server = await smtp.StartAsync(SmtpServerMode.Accept);

        (await App.Dispatcher(server.Options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(outbox.Count);

        (await App.OutboxAsync()).Should().OnlyContain(m => m.SentAtUtc == Clock.UtcDateTime && m.Attempts == 1);
        var received = server.Received();
        received.Select(m => (To: m.To.ToString(), m.Subject, Body: (m.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd()))
            .Should().BeEquivalentTo(outbox.Select(m => (To: m.ToAddress, m.Subject, Body: m.Body.TrimEnd())));
        received.Should().HaveCountGreaterThan(6).And.OnlyContain(m => m.From.ToString() == SmtpTestServer.From
            && m.Headers["X-MailFrom"] == SmtpTestServer.From && m.Headers["X-RcptTo"] == m.To.ToString());
        received.Should().Contain(m => m.To.ToString() == "randi.rektor@example.org" && m.Subject == "Aktivitetsplikt: en sak trenger deg");
        var raw = server.ReceivedRaw();
        foreach (var mail in received)
        {
            var text = mail.Subject + "\n" + mail.TextBody;
            text.Should().MatchRegex(@"http://localhost:5080/saker/[0-9a-f-]{36}");
            foreach (var word in forbidden) text.Should().NotContainEquivalentOf(word);
        }
        foreach (var word in forbidden) raw.Should().NotContainEquivalentOf(word, "not even in a header or an encoded line");
    }

    [Theory]
    [InlineData(SmtpServerMode.RefuseRcpt, "550")]
    [InlineData(SmtpServerMode.RefuseData, "451")]
    public async Task RefusingServer_LeavesTheMessageInTheOutbox_AndTheNextTryDeliversIt(SmtpServerMode mode, string code)
    {
        await App.GiveEmailAsync(Org.Principal1);
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        await using var refusing = await smtp.StartAsync(mode);

        (await App.Dispatcher(refusing.Options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0);

        var waiting = (await App.OutboxAsync()).Single();
        ShouldWaitForTheNextTry(waiting, $"{nameof(MailRefusedException)}: {code}");

        await using var accepting = await smtp.StartAsync(SmtpServerMode.Accept);
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await App.Dispatcher(accepting.Options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(1);

        var sent = (await App.OutboxAsync()).Single();
        sent.SentAtUtc.Should().Be(Clock.UtcDateTime);
        sent.Attempts.Should().Be(2);
        accepting.Received().Should().ContainSingle().Which.To.ToString().Should().Be("randi.rektor@example.org");
    }

    [Fact]
    public async Task ServerThatDropsTheConnection_LeavesTheMessageInTheOutbox()
    {
        await App.GiveEmailAsync(Org.Principal1);
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        await using var server = await smtp.StartAsync(SmtpServerMode.DropData);

        (await App.Dispatcher(server.Options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0);

        ShouldWaitForTheNextTry((await App.OutboxAsync()).Single(), nameof(MailServerUnavailableException));
    }

    [Fact]
    public async Task NothingListening_LeavesEveryMessageInTheOutbox_AndTheRunStopsAtTheFirst()
    {
        var (first, second) = await TwoMessagesAsync();
        var options = new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), From = SmtpTestServer.From, UseSsl = false, TimeoutSeconds = 5 };

        (await App.Dispatcher(options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0);

        var outbox = await App.OutboxAsync();
        ShouldWaitForTheNextTry(outbox.Single(m => m.Id == first), nameof(MailServerUnavailableException));
        outbox.Single(m => m.Id == second).Should().Match<OutboxMessage>(m => m.Attempts == 0 && m.SentAtUtc == null && m.NextAttemptAtUtc <= Clock.UtcDateTime,
            "the server is down for every message: the second keeps its turn for the next run");
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOut_AndCannotHoldTheDispatcher()
    {
        var (first, second) = await TwoMessagesAsync();
        // Takes the connection (the system's backlog does) and never says a word.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            var options = new SmtpOptions { Host = "127.0.0.1", Port = port, From = SmtpTestServer.From, UseSsl = false, TimeoutSeconds = 1 };
            var watch = Stopwatch.StartNew();

            (await App.Dispatcher(options).DispatchOnceAsync(Clock.UtcDateTime)).Should().Be(0);

            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
            var outbox = await App.OutboxAsync();
            ShouldWaitForTheNextTry(outbox.Single(m => m.Id == first), nameof(MailServerUnavailableException));
            outbox.Single(m => m.Id == second).Attempts.Should().Be(0, "one timeout per run, not one per message");
        }
        finally
        {
            silent.Stop();
        }
    }

    /// <summary>What the dispatcher does today after a failed first attempt: not sent, counted, the error kept, tried again in a minute.</summary>
    private void ShouldWaitForTheNextTry(OutboxMessage message, string error)
    {
        message.SentAtUtc.Should().BeNull();
        message.Attempts.Should().Be(1);
        message.LastError.Should().StartWith(error);
        message.NextAttemptAtUtc.Should().Be(Clock.UtcDateTime.AddMinutes(1));
    }

    /// <summary>Two e-mails to the principal, the first due a minute before the second.</summary>
    private async Task<(Guid First, Guid Second)> TwoMessagesAsync()
    {
        await App.GiveEmailAsync(Org.Principal1);
        await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble holdt utenfor.");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await App.LogConcernAsync(Org.StaffB, Org.Noah, "Noah ble ertet.");
        var outbox = await App.OutboxAsync();
        outbox.Should().HaveCount(2);
        return (outbox[0].Id, outbox[1].Id);
    }

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

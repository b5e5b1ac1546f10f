using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Necessity;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Necessity;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Necessity;

public sealed class NecessityRecordTests : SliceTest
{
    private RecordNecessity.Command ARecord(Pupil pupil, PupilAccountStatus account = PupilAccountStatus.Given, string? accountText = "Han dyttet meg, og da ble jeg sint.") =>
        new(pupil.Id, Clock.UtcDateTime.AddHours(-2), "Gangen ved gymsalen", "Kari A Lærer (kontaktlærer) og Ola B Assistent",
            "Eleven slo en medelev gjentatte ganger og reagerte ikke på tilsnakk.", "Holdt eleven i armene til eleven roet seg.", 4,
            "Ingen", Clock.UtcDateTime.AddHours(-1), Clock.UtcDateTime.AddMinutes(-30), "Kari A Lærer, på telefon",
            account, accountText, "Samtale med kontaktlærer etter siste time, helsesykepleier til stede.", "Samtale med foreldrene i morgen; tiltak vurderes.");

    [Fact]
    public async Task ARecord_NotifiesThePrincipalAtOnce_InTheInboxAndByAnEmailThatNamesNoPupil()
    {
        await App.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == Org.Principal1.Id)).SetEmail("randi@example.org");
            return await db.SaveChangesAsync();
        });

        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));

        var inbox = await App.SendAs(Org.Principal1, new ListNotifications.Query());
        inbox.NecessityRecords.Should().ContainSingle(n => n.RecordId == id && !n.IsRead && n.SchoolName == Org.School1.Name);
        inbox.UnreadCount.Should().Be(1);
        (await App.SendAs(Org.Principal2, new ListNotifications.Query())).NecessityRecords.Should().BeEmpty("another school's principal is not told");
        var mail = await App.WithDb(db => db.OutboxMessages.SingleAsync());
        mail.ToAddress.Should().Be("randi@example.org");
        mail.Body.Should().Contain($"/nodrett/{id}").And.NotContain("Emma").And.NotContain("Hansen").And.NotContain("gymsalen");

        await App.SendAs(Org.Principal1, new GetNecessityRecord.Query(id));
        (await App.SendAs(Org.Principal1, new ListNotifications.Query())).UnreadCount.Should().Be(0, "reading the record reads its notification");
        (await App.AuditEntriesAsync()).Select(a => a.Action).Should().Contain(["RecordNecessity", "ViewNecessityRecord"]);
    }

    [Fact]
    public async Task TheRecord_IsSeenByItsWriter_TheSchoolsPrincipal_AndTheTeam_AndByNoOneElse()
    {
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));

        foreach (var user in new[] { Org.StaffA, Org.Principal1, Org.Team })
        {
            (await App.SendAs(user, new GetNecessityRecord.Query(id))).Record.PupilAccountText.Should().Be("Han dyttet meg, og da ble jeg sint.");
            (await App.SendAs(user, new ListNecessityRecords.Query())).Items.Should().ContainSingle(r => r.Id == id);
        }
        foreach (var user in new[] { Org.StaffB, Org.Staff2, Org.Principal2 })
        {
            var read = () => App.SendAs(user, new GetNecessityRecord.Query(id));
            await read.Should().ThrowAsync<NotFoundOrNoAccessException>();
            (await App.SendAs(user, new ListNecessityRecords.Query())).Items.Should().BeEmpty();
        }
        var admin = () => App.SendAs(Org.Admin, new ListNecessityRecords.Query());
        await admin.Should().ThrowAsync<ForbiddenException>();
        var team = () => App.SendAs(Org.Team, ARecord(Org.Emma));
        await team.Should().ThrowAsync<ForbiddenException>("staff of the school record; the § 9A team reads");
        (await App.AuditEntriesAsync()).Count(a => a.Action == "AccessRefused").Should().Be(3);
    }

    [Fact]
    public async Task ARecord_WithTheAccountGivenButNotWritten_OrParentsToldByNoOne_IsRefusedByTheField()
    {
        var noText = () => App.SendAs(Org.StaffA, ARecord(Org.Emma, accountText: null));
        (await noText.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NecessityPupilAccountText");
        var noOne = () => App.SendAs(Org.StaffA, ARecord(Org.Emma) with { ParentsInformedBy = null });
        (await noOne.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NecessityParentsInformedBy");

        var declined = await App.SendAs(Org.StaffA, ARecord(Org.Emma, PupilAccountStatus.Declined, accountText: null) with
        {
            ParentsInformedAtUtc = null, ParentsInformedBy = null,
        });
        var record = (await App.SendAs(Org.StaffA, new GetNecessityRecord.Query(declined))).Record;
        (record.PupilAccount, record.PupilAccountText, record.ParentsInformed).Should().Be((PupilAccountStatus.Declined, (string?)null, false));
    }

    [Fact]
    public async Task Linking_ToACaseOfTheSamePupil_IsOnTheCasesTimeline_AndAnotherPupilsCaseIsRefused()
    {
        var emmasCase = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Emma ble holdt utenfor.", Clock.UtcDateTime.AddHours(-3),
            ConcernLocation.Classroom, null, true, false, false, false));
        var noahsCase = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Noah.Id, "Noah ble ertet.", Clock.UtcDateTime.AddHours(-3),
            ConcernLocation.Classroom, null, true, false, false, false));
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));
        (await App.SendAs(Org.StaffA, new GetNecessityRecord.Query(id))).LinkableCases.Should().ContainSingle(c => c.Id == emmasCase.CaseId);

        var wrong = () => App.SendAs(Org.StaffA, new LinkNecessityRecord.Command(id, noahsCase.CaseId));
        (await wrong.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NecessityOtherPupil");

        await App.SendAs(Org.Principal1, new LinkNecessityRecord.Command(id, emmasCase.CaseId));

        var @case = await App.LoadCaseAsync(emmasCase.CaseId);
        var entry = @case.Entries.Should().ContainSingle(e => e.Kind == EntryKind.NecessityRecordLinked).Subject;
        (entry.ActorUserId, entry.Detail).Should().Be((Org.Principal1.Id, $"necessity:{id}"));
        @case.State.Should().Be(CaseState.PrincipalNotified, "linking changes nothing else");
        (await App.SendAs(Org.Principal1, new GetNecessityRecord.Query(id))).CaseNumber.Should().Be(@case.CaseNumber);
        var twice = () => App.SendAs(Org.Principal1, new LinkNecessityRecord.Command(id, emmasCase.CaseId));
        (await twice.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NecessityAlreadyLinked");
        (await App.AuditEntriesAsync(emmasCase.CaseId)).Should().Contain(a => a.Action == "LinkNecessityRecord");
    }

    [Fact]
    public async Task ACaseMadeFromARecord_IsLinkedInTheConcernsOwnSave_OnTheTimelineTheRecordAndTheAuditChain()
    {
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));
        var record = (await App.SendAs(Org.StaffA, new GetNecessityRecord.Query(id))).Record;

        var made = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, record.WhatHappenedBefore, record.OccurredAtUtc,
            ConcernLocation.Schoolyard, record.WhatWasDone, true, false, false, false, NecessityRecordId: id));

        var @case = await App.LoadCaseAsync(made.CaseId);
        @case.Entries.Select(e => e.Kind).Should().ContainInOrder(EntryKind.ConcernLogged, EntryKind.NecessityRecordLinked);
        var link = @case.Entries.Single(e => e.Kind == EntryKind.NecessityRecordLinked);
        (link.ActorUserId, link.Detail).Should().Be((Org.StaffA.Id, $"necessity:{id}"));
        @case.State.Should().Be(CaseState.PrincipalNotified, "the concern itself is logged as any other");
        var after = await App.SendAs(Org.StaffA, new GetNecessityRecord.Query(id));
        (after.Record.CaseId, after.CaseNumber).Should().Be((made.CaseId, @case.CaseNumber));
        after.LinkableCases.Should().BeEmpty("a linked record is linked once");
        (await App.AuditEntriesAsync(made.CaseId)).Select(a => a.Action).Should().Contain("LogConcern");
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, true, true)]
    public async Task ACaseFromARecord_IsLinked_WhateverTheConcernSays(bool notifyNow, bool employeeSuspected, bool leadershipSuspected)
    {
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));

        var made = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "En ansatt holdt Emma hardt i armen.", Clock.UtcDateTime.AddHours(-2),
            ConcernLocation.Classroom, null, notifyNow, false, employeeSuspected, leadershipSuspected, NecessityRecordId: id));

        (await App.LoadCaseAsync(made.CaseId)).Entries.Should().ContainSingle(e => e.Kind == EntryKind.NecessityRecordLinked);
        (await App.WithDb(db => db.NecessityRecords.SingleAsync(r => r.Id == id))).CaseId.Should().Be(made.CaseId);
    }

    [Fact]
    public async Task ACaseFromARecord_OfAnotherPupil_AlreadyLinked_OrNotTheUsersToSee_IsRefused_AndNoCaseIsMade()
    {
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));
        LogConcern.Command Concern(Pupil pupil) => new(pupil.Id, "Eleven ble holdt fast i gangen.", Clock.UtcDateTime.AddHours(-2),
            ConcernLocation.Schoolyard, null, true, false, false, false, NecessityRecordId: id);

        var otherPupil = () => App.SendAs(Org.StaffA, Concern(Org.Noah));
        (await otherPupil.Should().ThrowAsync<ValidationException>()).Which.Errors.Should()
            .ContainSingle(e => e.ErrorCode == "NecessityRecordOtherPupil" && e.PropertyName == "PupilId");
        var notTheirs = () => App.SendAs(Org.StaffB, Concern(Org.Emma));
        await notTheirs.Should().ThrowAsync<NotFoundOrNoAccessException>("staff see only the records they wrote");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(0, "a refused concern makes no case");

        await App.SendAs(Org.Principal1, Concern(Org.Emma));
        var twice = () => App.SendAs(Org.Principal1, Concern(Org.Emma) with { WhatHappened = "En gang til." });
        (await twice.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(e => e.ErrorCode == "NecessityAlreadyLinked");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
    }

    /// <summary>
    /// Two users link one record at the same moment: one to an existing case, one by a concern made from the record. SQLite's
    /// single writer orders them; on PostgreSQL both can read the record as not yet linked. Here the second user's context has
    /// read the record before the first link committed: their concern is then a conflict, nothing of it is saved, and the
    /// first link stays (the record's case is a concurrency token).
    /// </summary>
    [Fact]
    public async Task ARecordLinkedWhileAConcernFromItIsSaved_MakesTheConcernAConflict_AndTheFirstLinkStays()
    {
        var id = await App.SendAs(Org.StaffA, ARecord(Org.Emma));
        var emmasCase = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Emma ble holdt utenfor.", Clock.UtcDateTime.AddHours(-3),
            ConcernLocation.Classroom, null, true, false, false, false));
        await using var second = App.Services.CreateAsyncScope();
        ((CurrentUser)second.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(Org.StaffA);
        (await second.ServiceProvider.GetRequiredService<AppDbContext>().NecessityRecords.SingleAsync(r => r.Id == id)).CaseId.Should().BeNull();

        await App.SendAs(Org.Principal1, new LinkNecessityRecord.Command(id, emmasCase.CaseId));

        var concern = () => second.ServiceProvider.GetRequiredService<IMediator>().Send(new LogConcern.Command(Org.Emma.Id, "Eleven ble holdt fast i gangen.",
            Clock.UtcDateTime.AddHours(-2), ConcernLocation.Schoolyard, null, true, false, false, false, NecessityRecordId: id));
        await concern.Should().ThrowAsync<ConcurrencyConflictException>();
        (await App.WithDb(db => db.NecessityRecords.SingleAsync(r => r.Id == id))).CaseId.Should().Be(emmasCase.CaseId);
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1, "the concern that lost made no case");
    }

    [Fact]
    public async Task TheStatistics_CountRecordsPerSchoolInThePeriod_WithinTheUsersScope_AndThePupilsRecordsCanBeListed()
    {
        await App.SendAs(Org.StaffA, ARecord(Org.Emma));
        await App.SendAs(Org.StaffA, ARecord(Org.Noah, PupilAccountStatus.Declined, null));
        await App.SendAs(Org.Staff2, ARecord(Org.Leah));
        var from = Clock.UtcDateTime.AddDays(-30);
        var to = Clock.UtcDateTime.AddDays(1);

        var all = await App.SendAs(Org.Team, new CountNecessityRecords.Query(from, to));
        all.Select(c => (c.SchoolName, c.Records, c.PupilAccountsGiven, c.ParentsInformed)).Should().BeEquivalentTo(new[]
        {
            (Org.School2.Name, 1, 1, 1), (Org.School1.Name, 2, 1, 2),
        });
        (await App.SendAs(Org.Principal2, new CountNecessityRecords.Query(from, to))).Should().ContainSingle(c => c.SchoolId == Org.School2.Id);
        (await App.SendAs(Org.Team, new CountNecessityRecords.Query(to, to.AddDays(30)))).Should().BeEmpty();
        (await App.SendAs(Org.Team, new ListNecessityRecordsForPupil.Query(Org.Emma.Id))).Should().ContainSingle(r => r.PupilId == Org.Emma.Id);
    }
}

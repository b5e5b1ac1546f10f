using System.Runtime.CompilerServices;
using System.Text.Json;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Family;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Family;

/// <summary>
/// Pupils with Feide (issue 10, ADR 021) through the real pipeline: the school's lowest grade and the pupil's Feide link set by
/// the administrator (validated, audited), the Pupil role's scope (their own cases only; another pupil's or a sibling's case is
/// the same 404), what the pupil sees (the family's masked view without the guardians' words or letters), and the pupil's own
/// view recorded as the pupil's statement, the principal notified.
/// </summary>
public sealed class PupilSignInSliceTests : SliceTest
{
    private const string OliviasFeide = "olivia.olsen@testvik.example.org";

    /// <summary>Olivia (6B) linked to Feide by the administrator; her school lets pupils from grade 6 sign in.</summary>
    private async Task<UserAccount> OliviaSignedInAsync(int? fromGrade = 6)
    {
        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, fromGrade));
        await App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Olivia.Id, OliviasFeide));
        return await App.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.PupilId == Org.Olivia.Id));
    }

    private async Task<UserAccount> GuardianOfAsync(params Pupil[] pupils)
    {
        var guardian = new UserAccount("foresatt-" + Guid.NewGuid().ToString("N")[..12], "Marte Foresatt", Role.Guardian, Org.Owner.Id, null);
        await App.WithDb(async db =>
        {
            db.Users.Add(guardian);
            foreach (var pupil in pupils) db.Guardianships.Add(new Guardianship(pupil.Id, guardian.Id, "mor", Org.Admin.Id, Clock.UtcDateTime));
            return await db.SaveChangesAsync();
        });
        return guardian;
    }

    private static readonly Type[] PupilRequests =
        [typeof(GetFamilyCase.Query), typeof(ListFamilyCases.Query), typeof(GivePupilView.Command), typeof(RequestMeeting.Command)];

    [Theory]
    [MemberData(nameof(FamilySliceTests.EveryRequestType), MemberType = typeof(FamilySliceTests))]
    public async Task EveryRequestType_IsOpenToAPupilExactlyWhenItIsAPupilsOrPublicRequest(string typeName)
    {
        var type = typeof(LogConcern).Assembly.GetType(typeName)!;
        var pupil = await OliviaSignedInAsync();
        var request = RuntimeHelpers.GetUninitializedObject(type);

        Exception? thrown = null;
        try
        {
            await SendUntyped(pupil, request);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        (thrown is ForbiddenException).Should().Be(!(PublicRequestAttribute.IsOn(request) || PupilRequests.Contains(type)), thrown?.Message);
    }

    [Fact]
    public async Task APupil_ReachesOnlyTheirOwnCase_AnotherPupilsAndASiblingsAreTheSame404_AndAudited()
    {
        var own = await App.ACase().About(Org.Olivia).Investigating();
        var siblings = await App.ACase().About(Org.Emma).Investigating();
        var another = await App.ACase().About(Org.Leah).ReportedBy(Org.Staff2).Investigating();
        await GuardianOfAsync(Org.Olivia, Org.Emma);
        var pupil = await OliviaSignedInAsync();

        (await App.SendAs(pupil, new GetFamilyCase.Query(own))).CaseId.Should().Be(own);
        var list = await App.SendAs(pupil, new ListFamilyCases.Query());
        list.Children.Should().ContainSingle().Which.Cases.Select(c => c.Id).Should().Equal(own);

        foreach (var caseId in new[] { siblings, another, Guid.NewGuid() })
        {
            var act = () => App.SendAs(pupil, new GetFamilyCase.Query(caseId));
            await act.Should().ThrowAsync<NotFoundOrNoAccessException>();
        }
        (await App.AuditEntriesAsync()).Count(a => a.Action == "AccessRefused" && a.UserId == pupil.Id).Should().Be(3);
        var write = () => App.SendAs(pupil, new GivePupilView.Command(siblings, null, "Hei.", PupilView.NotSafe));
        await write.Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task APupil_LosesSightOfTheirCase_WhenTheSchoolTurnsPupilSignInOff_OrThePupilIsDeactivated()
    {
        var own = await App.ACase().About(Org.Olivia).Investigating();
        var pupil = await OliviaSignedInAsync();
        (await App.SendAs(pupil, new GetFamilyCase.Query(own))).CaseId.Should().Be(own);

        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, null));
        await ((Func<Task>)(() => App.SendAs(pupil, new GetFamilyCase.Query(own)))).Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.SendAs(pupil, new ListFamilyCases.Query())).Children.Should().BeEmpty();

        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, 6));
        await App.WithDb(async db =>
        {
            (await db.Pupils.SingleAsync(p => p.Id == Org.Olivia.Id)).Deactivate(Clock.UtcDateTime);
            return await db.SaveChangesAsync();
        });
        await ((Func<Task>)(() => App.SendAs(pupil, new GetFamilyCase.Query(own)))).Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task ThePupilsView_IsTheFamilysMaskedView_WithoutTheGuardiansWords_OrTheLettersToThem()
    {
        var caseId = await App.ACase().About(Org.Olivia).Measures();
        var guardian = await GuardianOfAsync(Org.Olivia);
        await App.SendAs(guardian, new GiveFamilyView.Command(caseId, null, "Foreldrenes hemmelige syn.", "Det Olivia sa hjemme.", PupilView.NotSafe));
        await App.SendAs(guardian, new RequestMeeting.Command(caseId, null, "Foreldrenes møteønske.", null));
        var pupil = await OliviaSignedInAsync();

        var view = await App.SendAs(pupil, new GetFamilyCase.Query(caseId));

        var json = JsonSerializer.Serialize(view);
        json.Should().NotContain("Foreldrenes").And.NotContain("Det Olivia sa hjemme");
        view.Timeline.Should().NotContain(e => e.ByFamily, "the guardians' input is theirs");
        view.Letters.Should().BeEmpty();
        view.Attachments.Should().BeEmpty();
        view.MayDo.Should().BeEquivalentTo([CaseTrigger.GiveFamilyView, CaseTrigger.RequestMeeting]);
        (await App.AuditEntriesAsync(caseId)).Should().Contain(a => a.Action == "ViewFamilyCase" && a.UserId == pupil.Id && a.Role == Role.Pupil);
    }

    [Fact]
    public async Task ThePupilsOwnView_IsThePupilsSelfReportedStatement_NotifiesThePrincipal_AndTheGuardianSeesThatButNotTheWords()
    {
        var caseId = await App.ACase().About(Org.Olivia).Investigating();
        var guardian = await GuardianOfAsync(Org.Olivia);
        var pupil = await OliviaSignedInAsync();

        await App.SendAs(pupil, new GivePupilView.Command(caseId, null, "De tar tingene mine i garderoben.", PupilView.NotSafe));

        var @case = await App.LoadCaseAsync(caseId);
        var voice = @case.Entries.Last();
        voice.Kind.Should().Be(EntryKind.PupilVoice);
        voice.ActorRole.Should().Be(Role.Pupil);
        voice.ActorUserId.Should().Be(pupil.Id);
        VoiceSources.Of(voice).Should().Be(VoiceSource.Pupil);
        VoiceSources.IsSelfReported(voice.Detail).Should().BeTrue();
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe, "the pupil's own statement sets the pupil's view");
        (await App.WithDb(db => db.Notifications.CountAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.FamilyInput && n.RecipientUserId == Org.Principal1.Id)))
            .Should().Be(1);

        var own = (await App.SendAs(pupil, new GetFamilyCase.Query(caseId))).Timeline.Single(e => e.ByMe);
        own.Text.Should().Be("De tar tingene mine i garderoben.");
        var seenByGuardian = (await App.SendAs(guardian, new GetFamilyCase.Query(caseId))).Timeline.Single(e => e.ByPupil);
        seenByGuardian.Text.Should().BeNull("the pupil's own words are the pupil's");
        seenByGuardian.PupilView.Should().Be(PupilView.NotSafe);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    public async Task TheLowestGrade_Outside1To13_IsRefusedByTheField_AndNothingIsSaved(int grade)
    {
        var act = () => App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, grade));

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.PropertyName == "Grade");
        (await App.WithDb(db => db.Schools.SingleAsync(s => s.Id == Org.School1.Id))).PupilSignInFromGrade.Should().BeNull();
    }

    [Fact]
    public async Task TheLowestGrade_IsAudited_WithWhoAndTheValueBeforeAndAfter()
    {
        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, 8));
        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, 6));

        var changes = (await App.AuditEntriesAsync()).Where(a => a.Action == "PupilSignInGradeChanged").ToList();
        changes.Should().HaveCount(2);
        changes.Should().OnlyContain(a => a.UserId == Org.Admin.Id && a.Role == Role.Administrator);
        changes[1].Details.Should().Contain("\"before\":8").And.Contain("\"after\":6");
        (await App.SendAs(Org.Admin, new GetPupilSignInGrade.Query(Org.School1.Id))).Should().Be(6);
    }

    [Fact]
    public async Task AFeideIdentifier_BelongsToOneStaffUserOrOnePupil_NeverBoth()
    {
        await App.SendAs(Org.Admin, new LinkFeide.Command(Org.StaffA.Id, "kari.a@testvik.example.org"));

        var pupilTakesStaffs = () => App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Olivia.Id, "KARI.A@testvik.example.org"));
        (await pupilTakesStaffs.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "Admin.Refusal.FeideTaken");

        await App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Olivia.Id, OliviasFeide));
        var staffTakesPupils = () => App.SendAs(Org.Admin, new LinkFeide.Command(Org.StaffB.Id, OliviasFeide));
        (await staffTakesPupils.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "Admin.Refusal.FeideTaken");
        var otherPupil = () => App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Emma.Id, OliviasFeide));
        await otherPupil.Should().ThrowAsync<ValidationException>();
    }

    [Fact]
    public async Task UnlinkingAPupilsFeide_KeepsTheHistory_EndsTheirSessions_AndThePupilsAccountIsNoUserOnTheAdminPages()
    {
        var pupil = await OliviaSignedInAsync();
        await App.WithDb(async db =>
        {
            db.UserSessions.Add(new UserSession(pupil.Id, Clock.UtcDateTime));
            return await db.SaveChangesAsync();
        });
        await App.SendAs(Org.Admin, new LinkPupilFeide.Command(Org.Olivia.Id, "olivia.ny@testvik.example.org"));

        await App.SendAs(Org.Admin, new UnlinkPupilFeide.Command(Org.Olivia.Id));

        var links = await App.WithDb(db => db.ExternalLogins.Where(l => l.UserId == pupil.Id).OrderBy(l => l.LinkedUtc).ToListAsync());
        links.Select(l => l.Key).Should().BeEquivalentTo([OliviasFeide, "olivia.ny@testvik.example.org"]);
        links.Should().OnlyContain(l => l.UnlinkedUtc != null, "unlinking ends the link and keeps it");
        (await App.WithDb(db => db.UserSessions.CountAsync(s => s.UserId == pupil.Id && s.EndedUtc == null))).Should().Be(0);
        (await App.SendAs(Org.Admin, new GetPupilFeideLink.Query(Org.Olivia.Id))).Identifier.Should().BeNull();
        (await App.SendAs(Org.Admin, new ListOrganisation.Query())).Users.Should().NotContain(u => u.Id == pupil.Id);
        var resetPupilsPassword = () => App.SendAs(Org.Admin, new ResetPassword.Command(pupil.Id, "Kari går på fjelltur i dag"));
        await resetPupilsPassword.Should().ThrowAsync<NotFoundOrNoAccessException>();
        var unlinkAgain = () => App.SendAs(Org.Admin, new UnlinkPupilFeide.Command(Org.Olivia.Id));
        (await unlinkAgain.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().Contain(e => e.ErrorCode == "Admin.Refusal.PupilFeideNotLinked");
    }

    [Fact]
    public async Task ThePupilsPage_SaysWhetherThePupilMaySignIn()
    {
        await App.SendAs(Org.Admin, new SetPupilSignInGrade.Command(Org.School1.Id, 6));

        (await App.SendAs(Org.Admin, new GetPupilFeideLink.Query(Org.Olivia.Id))).MaySignIn.Should().BeTrue();
        var emma = await App.SendAs(Org.Admin, new GetPupilFeideLink.Query(Org.Emma.Id));
        emma.MaySignIn.Should().BeFalse("Emma is in 5A");
        emma.PupilGrade.Should().Be(5);
    }

    private async Task SendUntyped(UserAccount user, object request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        var response = request.GetType().GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
        var send = typeof(IMediator).GetMethods().First(m => m.Name == nameof(IMediator.Send) && m.IsGenericMethodDefinition).MakeGenericMethod(response);
        await (Task)send.Invoke(scope.ServiceProvider.GetRequiredService<IMediator>(), [request, CancellationToken.None])!;
    }
}

using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

public sealed class ValidationBehaviorTests : SliceTest
{
    private LogConcern.Command Concern(string what, DateTime occurredAtUtc) =>
        new(Org.Emma.Id, what, occurredAtUtc, ConcernLocation.Classroom, null, false, false, false, false);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task LogConcern_WithBlankWhatHappened_IsAValidationErrorNamingTheProperty_AndNothingIsSaved(string blank)
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Concern(blank, Clock.UtcDateTime)))
            .Should().ThrowAsync<ValidationException>();

        refused.Which.Errors.Should().ContainSingle().Which.PropertyName.Should().Be(nameof(LogConcern.Command.WhatHappened));
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(0);
        (await App.AuditCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task LogConcern_InTheFuture_IsRefused_AndNothingIsSaved()
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Concern("Skjedde i morgen?", Clock.UtcDateTime.AddHours(1))))
            .Should().ThrowAsync<ValidationException>();

        var error = refused.Which.Errors.Should().ContainSingle().Subject;
        error.PropertyName.Should().Be(nameof(LogConcern.Command.OccurredAtUtc));
        error.ErrorCode.Should().Be("NotInFuture");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task LogConcern_AFewMinutesAhead_IsAcceptedAsClockSkew()
    {
        var result = await App.SendAs(Org.StaffA, Concern("Klokka på PC-en går litt for fort.", Clock.UtcDateTime.AddMinutes(4)));

        result.CaseNumber.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task LogConcern_MoreThanTwoYearsAgo_IsRefusedAsTooOld()
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Concern("Lenge siden.", Clock.UtcDateTime.AddYears(-3))))
            .Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "TooOld");
    }

    [Fact]
    public async Task LogConcern_LeadershipWithoutEmployee_IsAValidationError()
    {
        var command = Concern("Inspektøren.", Clock.UtcDateTime) with { LeadershipSuspected = true };

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, command)).Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().ContainSingle(e => e.PropertyName == nameof(LogConcern.Command.LeadershipSuspected));
    }

    [Fact]
    public async Task CaseStep_WithBlankRequiredText_IsAValidationErrorNamingTheProperty_AndNothingIsSaved()
    {
        var id = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(id);

        (await Refusal(new AddComment.Command(id, null, " "))).Should().Be(nameof(AddComment.Command.Comment));
        (await Refusal(new RecordFinding.Command(id, null, ""))).Should().Be(nameof(RecordFinding.Command.Finding));
        (await Refusal(new CloseCase.Command(id, null, "  "))).Should().Be(nameof(CloseCase.Command.Conclusion));
        (await Refusal(new EscalateToSchoolOwner.Command(id, null, ""))).Should().Be(nameof(EscalateToSchoolOwner.Command.Reason));
        (await Refusal(new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "", VoiceSource.Pupil))).Should().Be(nameof(RecordPupilVoice.Command.WhatWasSaid));

        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task CaseStep_WithFutureOccurredAt_IsRefused_AndNothingIsSaved()
    {
        var id = await App.ACase().FollowingUp();
        var before = await App.SnapshotAsync(id);

        (await Refusal(new RecordIntervention.Command(id, null, "Grep inn.", Clock.UtcDateTime.AddDays(1))))
            .Should().Be(nameof(RecordIntervention.Command.OccurredAtUtc));

        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task CaseStep_WithTooLongText_IsAValidationError()
    {
        var id = await App.ACase().FollowingUp();

        (await Refusal(new AddComment.Command(id, null, new string('x', ValidationRules.LongText + 1))))
            .Should().Be(nameof(AddComment.Command.Comment));
    }

    private async Task<string> Refusal(Aktivitetsplikt.Web.Pipeline.ICaseCommand command)
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, command)).Should().ThrowAsync<ValidationException>();
        return refused.Which.Errors.Should().ContainSingle().Subject.PropertyName;
    }
}

using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordMeasureProgressTests : SliceTest
{
    /// <summary>Reported by staff B; staff A is responsible for the plan's measure.</summary>
    private async Task<(Guid CaseId, Guid MeasureKey)> CaseWithMeasureForStaffA()
    {
        var id = await App.ACase().ReportedBy(Org.StaffB).MeasureResponsible(Org.StaffA).Measures();
        return (id, (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0].MeasureKey);
    }

    [Fact]
    public async Task RecordMeasureProgress_ByResponsibleStaff_IsAllowed_AndStoresStatusOnMeasureAndTimeline()
    {
        var (id, key) = await CaseWithMeasureForStaffA();

        await App.SendAs(Org.StaffA, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.UnderWay, "Første uke gjennomført."));

        var measure = await App.WithDb(db => db.PlanMeasures.AsNoTracking().SingleAsync(m => m.MeasureKey == key));
        measure.Status.Should().Be(MeasureStatus.UnderWay);
        measure.StatusNote.Should().Be("Første uke gjennomført.");
        var entry = (await App.LoadCaseAsync(id)).Entries[^1];
        entry.Kind.Should().Be(EntryKind.MeasureProgress);
        entry.MeasureKey.Should().Be(key);
        entry.MeasureStatus.Should().Be(MeasureStatus.UnderWay);
        entry.ActorUserId.Should().Be(Org.StaffA.Id);
    }

    [Fact]
    public async Task RecordMeasureProgress_ByOtherStaffWhoSeesTheCase_IsRefusedAsNotResponsible_AndNothingIsSaved()
    {
        var (id, key) = await CaseWithMeasureForStaffA();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffB, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.Done, null)))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.NotResponsibleForMeasure);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task RecordMeasureProgress_ByStaffOutsideTheCase_IsNotFoundOrNoAccess()
    {
        var (id, key) = await CaseWithMeasureForStaffA();

        await FluentActions.Awaiting(() => App.SendAs(Org.Staff2, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.Done, null)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
    }

    [Fact]
    public async Task RecordMeasureProgress_Dropped_WithoutReason_IsRefused()
    {
        var (id, key) = await CaseWithMeasureForStaffA();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.Dropped, null)))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.ReasonRequired);
    }
}

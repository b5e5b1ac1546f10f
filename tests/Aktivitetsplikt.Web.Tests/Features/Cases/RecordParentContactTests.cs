using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class RecordParentContactTests : SliceTest
{
    [Fact]
    public async Task RecordParentContact_AppendsEntryWithWhenItHappened_WithoutChangingState()
    {
        var id = await App.ACase().Investigating();
        var met = Clock.UtcDateTime.AddHours(-3);

        await App.SendAs(Org.Principal1, new RecordParentContact.Command(id, null, "Møte med foreldrene; de ønsker tett oppfølging.", met));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.Entries[^1].Kind.Should().Be(EntryKind.ParentContact);
        @case.Entries[^1].OccurredAtUtc.Should().Be(met);
    }

    [Fact]
    public async Task RecordParentContact_OnClosedCase_IsRefusedAsNotAllowedInState()
    {
        var id = await App.ACase().Closed();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordParentContact.Command(id, null, "Telefon.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.NotAllowedInState);
    }
}

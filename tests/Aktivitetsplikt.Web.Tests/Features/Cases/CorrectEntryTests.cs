using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class CorrectEntryTests : SliceTest
{
    [Fact]
    public async Task CorrectEntry_OwnEntry_AddsCorrectionPointingToIt_AndKeepsTheOriginal()
    {
        var id = await App.ACase().PrincipalNotified();
        var original = (await App.LoadCaseAsync(id)).Entries[0];

        await App.SendAs(Org.StaffA, new CorrectEntry.Command(id, null, original.Id, "Det skjedde ved husken, ikke ved sklia."));

        var @case = await App.LoadCaseAsync(id);
        var correction = @case.Entries[^1];
        correction.Kind.Should().Be(EntryKind.Correction);
        correction.CorrectsEntryId.Should().Be(original.Id);
        @case.Entries.Single(e => e.Id == original.Id).Text.Should().Be(original.Text);
    }

    [Fact]
    public async Task CorrectEntry_StaffCorrectingPrincipalsEntry_IsRefusedAsOnlyOwnEntries()
    {
        var id = await App.ACase().Investigating();
        var principalsEntry = (await App.LoadCaseAsync(id)).Entries.Single(e => e.Kind == EntryKind.InvestigationStarted);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new CorrectEntry.Command(id, null, principalsEntry.Id, "Feil.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.OnlyOwnEntries);
    }

    [Fact]
    public async Task CorrectEntry_OfAnotherCasesEntry_IsRefusedAsEntryNotFound()
    {
        var id = await App.ACase().PrincipalNotified();
        var other = await App.ACase().About(Org.Noah).PrincipalNotified();
        var otherEntry = (await App.LoadCaseAsync(other)).Entries[0];

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new CorrectEntry.Command(id, null, otherEntry.Id, "Feil.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.EntryNotFound);
    }
}

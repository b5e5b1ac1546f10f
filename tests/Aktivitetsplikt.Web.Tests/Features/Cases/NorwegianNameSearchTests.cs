using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class NorwegianNameSearchTests : SliceTest
{
    [Theory]
    [InlineData("øyvind")]
    [InlineData("ØYVIND ÅS")]
    [InlineData("Øyvind Ås")]
    [InlineData("ås")]
    public async Task PupilSearch_FindsNamesWithÆØÅ_HoweverTheyAreTyped(string typed)
    {
        await App.WithDb(db =>
        {
            db.Pupils.Add(new Pupil(Org.School1.Id, "Øyvind", "Ås", "6C"));
            return db.SaveChangesAsync();
        });

        var found = await App.SendAs(Org.Principal1, new ListPupils.Query(typed));

        found.Select(p => p.Name).Should().Contain("Øyvind Ås");
    }
}

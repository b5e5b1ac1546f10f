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

    /// <summary>
    /// The providers compare text alike (ADR 012): byte by byte, as SQLite's BINARY does and PostgreSQL's "C" collation does,
    /// whatever locale the PostgreSQL database was made with. So a list comes back in one order, and a search finds the same
    /// pupils, on both: lower() folds only ASCII letters on both, so an odd spelling ("ÆRlig") is found by its ASCII letters or in
    /// the spellings SearchTerms tries, never through a locale's case folding on one provider only.
    /// </summary>
    [Fact]
    public async Task PupilListAndSearch_CompareTextTheSameWayOnEveryProvider()
    {
        await App.WithDb(db =>
        {
            foreach (var first in (string[])["Zara", "anna", "Åse", "Ægir", "Ørjan", "ÆRlig"])
                db.Pupils.Add(new Pupil(Org.School1.Id, first, "Lie", "7Z"));
            return db.SaveChangesAsync();
        });

        var listed = await App.SendAs(Org.Principal1, new ListPupils.Query("lie"));
        var folded = await App.SendAs(Org.Principal1, new ListPupils.Query("ærlig"));
        var asciiFolded = await App.SendAs(Org.Principal1, new ListPupils.Query("RLIG"));

        listed.Select(p => p.Name).Should().Equal("Zara Lie", "anna Lie", "Åse Lie", "ÆRlig Lie", "Ægir Lie", "Ørjan Lie");
        folded.Should().BeEmpty("neither provider folds Æ in lower(), and neither \"ærlig\", \"Ærlig\" nor \"ÆRLIG\" is in \"ÆRlig\"");
        asciiFolded.Select(p => p.Name).Should().Equal(["ÆRlig Lie"], "both fold ASCII letters");
    }
}

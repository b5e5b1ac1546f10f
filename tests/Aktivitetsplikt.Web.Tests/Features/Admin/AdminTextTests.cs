using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

public sealed class AdminTextTests
{
    [Fact]
    public void AdminTexts_ExistInBothBokmaalAndNynorsk()
    {
        var bokmaal = AdminKeys(JsonStringLocalizerFactory.Load("nb-NO"));
        var nynorsk = AdminKeys(JsonStringLocalizerFactory.Load("nn-NO"));

        bokmaal.Should().NotBeEmpty();
        nynorsk.Should().BeEquivalentTo(bokmaal);
    }

    [Fact]
    public void EveryAdminKeyTheSourceUses_IsDefined()
    {
        var defined = AdminKeys(JsonStringLocalizerFactory.Load("nb-NO"));
        var folder = Path.Combine(RepositoryRoot(), "src", "Aktivitetsplikt.Web", "Features", "Admin");
        var used = Directory.EnumerateFiles(folder, "*.*")
            .Where(file => file.EndsWith(".cs") || file.EndsWith(".razor"))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), "\"(Admin\\.[A-Za-z.]+[A-Za-z])\"").Select(m => m.Groups[1].Value))
            .ToHashSet();

        used.Should().NotBeEmpty();
        used.Except(defined).Should().BeEmpty();
    }

    private static HashSet<string> AdminKeys(IReadOnlyDictionary<string, string> texts) =>
        texts.Keys.Where(k => k.StartsWith("Admin.", StringComparison.Ordinal)).ToHashSet();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Aktivitetsplikt.sln not found above the test output.");
    }
}

#pragma warning disable EF1001 // DesignTimeServicesBuilder is what `dotnet ef dbcontext optimize` itself uses to generate the model.
using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>
/// The app runs on a compiled EF Core model (Data/CompiledModels, ADR 023), found by EF Core in the app's assembly. These tests
/// generate the compiled model afresh from the model the code builds (OnModelCreating, each provider's conventions) exactly as
/// <c>bash scripts/refresh-compiled-model.sh</c> does, and compare it file by file with the committed one: a model change without
/// the refresh fails here instead of running on the stale model.
/// </summary>
public sealed partial class CompiledModelTests
{
    private const string Refresh = "bash scripts/refresh-compiled-model.sh (scripts/add-migration.sh runs it after every migration)";

    [Fact]
    public void SqliteCompiledModel_IsTheModelTheCodeBuilds()
    {
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        AssertCommittedModelIsCurrent(db, "Sqlite");
    }

    [Fact]
    public void PostgreSqlCompiledModel_IsTheModelTheCodeBuilds()
    {
        // No server is contacted: building the model needs only the provider.
        using var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
            .UseNpgsql("Host=localhost;Database=aktivitetsplikt_model").Options);
        AssertCommittedModelIsCurrent(db, "PostgreSql");
    }

    [Fact]
    public void BothContexts_RunOnTheCommittedCompiledModel()
    {
        using var sqlite = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
            .UseNpgsql("Host=localhost;Database=aktivitetsplikt_model").Options);

        ((IModel)sqlite.Model).GetType().Namespace.Should().Be("Aktivitetsplikt.Web.Data.CompiledModels.Sqlite");
        ((IModel)postgres.Model).GetType().Namespace.Should().Be("Aktivitetsplikt.Web.Data.CompiledModels.PostgreSql");
    }

    private static void AssertCommittedModelIsCurrent(AppDbContext db, string provider)
    {
        var committed = Path.Combine(RepositoryRoot(), "src", "Aktivitetsplikt.Web", "Data", "CompiledModels", provider);
        var generated = Path.Combine(Path.GetTempPath(), "aktivitetsplikt-compiled-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            var assembly = typeof(AppDbContext).Assembly;
            var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(null), []).Build(db);
            var scaffolder = services.GetRequiredService<ICompiledModelScaffolder>();
            scaffolder.ScaffoldModel(db.GetService<IDesignTimeModel>().Model, generated, new CompiledModelCodeGenerationOptions
            {
                ContextType = db.GetType(),
                ModelNamespace = $"Aktivitetsplikt.Web.Data.CompiledModels.{provider}",
                Language = "C#",
                UseNullableReferenceTypes = true,
            });

            var expected = Files(generated);
            var actual = Files(committed);
            actual.Keys.Should().BeEquivalentTo(expected.Keys, $"the committed compiled model ({provider}) must have the generated files; refresh it: {Refresh}");
            foreach (var (name, text) in expected)
                actual[name].Should().Be(text, $"{name} of the committed compiled model ({provider}) differs from the model the code builds; refresh it: {Refresh}");
        }
        finally
        {
            if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
        }
    }

    /// <summary>
    /// The files by name, line endings normalised (a checkout may turn them into CRLF), and the model's id left out: the generator
    /// draws a new one each time (it only tells models apart in EF Core's caches).
    /// </summary>
    private static Dictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.cs").ToDictionary(f => Path.GetFileName(f),
                f => ModelId().Replace(File.ReadAllText(f).ReplaceLineEndings("\n"), "modelId: new Guid(\"…\")"))
            : [];

    [GeneratedRegex(@"modelId: new Guid\(""[0-9a-f-]{36}""\)")]
    private static partial Regex ModelId();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (Aktivitetsplikt.sln) was not found above " + AppContext.BaseDirectory);
    }
}

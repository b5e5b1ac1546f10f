namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>A test that needs a PostgreSQL server as well as SQLite: it runs in tests/run.sh's PostgreSQL pass, and says so in the SQLite pass.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestDatabase.OnPostgreSql) Skip = $"needs PostgreSQL: runs in tests/run.sh's second pass ({TestDatabase.ProviderVariable}=PostgreSQL)";
    }
}

using DuckDB.NET.Data;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// Applies sql/duckdb scripts in order and records each in <c>schema_version</c>. Scripts are idempotent
/// themselves, so a run interrupted between a script and its record is harmless when repeated.
/// </summary>
internal static class DuckDbMigrator
{
    public static IReadOnlyList<string> Migrate(DuckDBConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (script VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
        var applied = new HashSet<string>(StringComparer.Ordinal);
        using (DuckDBCommand command = connection.Command("SELECT script FROM schema_version"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetString(0));
            }
        }

        var now = new List<string>();
        foreach (SchemaScript script in SchemaScript.For("duckdb").Where(s => !applied.Contains(s.Name)))
        {
            using DuckDBTransaction transaction = connection.BeginTransaction();
            connection.Execute(script.Text);
            connection.Execute("INSERT INTO schema_version VALUES ($script, now()::TIMESTAMP)", ("script", script.Name));
            transaction.Commit();
            now.Add(script.Name);
        }

        return now;
    }
}

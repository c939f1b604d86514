namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// Applies the engine's ordered scripts (sql/&lt;engine&gt;/NNN_name.sql) not yet recorded in <c>schema_version</c>.
/// Script 000 creates that table and is idempotent; every script is idempotent too, so a run interrupted
/// between a script and its record is harmless when repeated. Running migrate twice applies nothing the second time.
/// </summary>
internal static class SqlMigrator
{
    /// <summary>The scripts not recorded in <c>schema_version</c>, every one of them when that table does not exist; writes nothing.</summary>
    public static IReadOnlyList<string> Pending(SqlCommands sql, string engine)
    {
        IReadOnlyList<SchemaScript> scripts = SchemaScript.For(engine);
        HashSet<string> applied;
        try
        {
            applied = new HashSet<string>(sql.Rows("SELECT script FROM schema_version").Select(r => r.GetString(0)), StringComparer.Ordinal);
        }
        catch (System.Data.Common.DbException)
        {
            // No schema_version: a warehouse never migrated.
            return scripts.Select(s => s.Name).ToArray();
        }

        // The bootstrap made the table and is never recorded in it.
        return scripts.Where(s => !s.Name.StartsWith("000_", StringComparison.Ordinal) && !applied.Contains(s.Name)).Select(s => s.Name).ToArray();
    }

    public static IReadOnlyList<string> Migrate(SqlCommands sql, string engine)
    {
        IReadOnlyList<SchemaScript> scripts = SchemaScript.For(engine);
        SchemaScript bootstrap = scripts.First(s => s.Name.StartsWith("000_", StringComparison.Ordinal));
        sql.Execute(bootstrap.Text);

        var applied = new HashSet<string>(sql.Rows("SELECT script FROM schema_version").Select(r => r.GetString(0)), StringComparer.Ordinal);
        var now = new List<string>();
        foreach (SchemaScript script in scripts.Where(s => s != bootstrap && !applied.Contains(s.Name)))
        {
            sql.Begin();
            try
            {
                sql.Execute(script.Text);
                sql.Execute("INSERT INTO schema_version (script, applied_at) VALUES (@script, @at)", ("script", script.Name), ("at", DateTime.UtcNow));
                sql.Commit();
            }
            catch
            {
                sql.Rollback();
                throw;
            }

            now.Add(script.Name);
        }

        return now;
    }
}

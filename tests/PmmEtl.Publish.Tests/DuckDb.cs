using PmmEtl.Testing;

namespace PmmEtl.Publish.Tests;

/// <summary>DuckDB as the independent reader: nothing in these checks goes through Parquet.Net.</summary>
public static class DuckDb
{
    public static List<object?[]> Query(string sql) => DuckDbRows.Read("DataSource=:memory:", sql);

    /// <summary>A path as a SQL string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}

using System.Data.Common;
using DuckDB.NET.Data;

namespace PmmEtl.Testing;

/// <summary>Plain SQL through DuckDB: the tests' second path to what the pipeline wrote.</summary>
public static class DuckDbRows
{
    public static List<object?[]> Read(string connectionString, string sql)
    {
        using var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return Read(connection, sql);
    }

    /// <summary>The rows of <paramref name="sql"/> on a connection already open (inside a test's own transaction, say).</summary>
    public static List<object?[]> Read(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

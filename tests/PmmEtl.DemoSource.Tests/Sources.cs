using Microsoft.Data.Sqlite;

namespace PmmEtl.DemoSource.Tests;

/// <summary>Opens generated sources read-only, without pooling so temp folders can be deleted afterwards.</summary>
public static class Sources
{
    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}

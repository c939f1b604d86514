using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// A hash of the logical content of a source: schema text and every row of every table (declarations and
/// registers) in a total order, with type tags so that 1 and '1' or NULL and '' differ. Independent of page
/// layout in the file.
/// </summary>
public static class SourceDump
{
    /// <param name="tables">Only these tables (and the schema); every table when null.</param>
    public static string Hash(string file, IReadOnlyList<string>? tables = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using SqliteConnection connection = Sources.Open(file);
        tables ??= Dapper.SqlMapper.Query<string>(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        foreach (string table in new[] { "sqlite_master" }.Concat(tables))
        {
            Append(hash, $"#{table}\n");
            using SqliteCommand command = connection.CreateCommand();
            // Ordered by every column: a total order of the rows, whatever the table's key.
            int columns = Dapper.SqlMapper.ExecuteScalar<int>(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}')");
            string orderBy = table == "sqlite_master" ? "type, name" : string.Join(", ", Enumerable.Range(1, columns));
            // The schema by its text: root page numbers depend on how much data came before an index was built.
            command.CommandText = table == "sqlite_master"
                ? "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                : $"SELECT * FROM {table} ORDER BY {orderBy}";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    Append(hash, reader.IsDBNull(i) ? "N|" : $"{reader.GetFieldType(i).Name[0]}{Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}|");
                }

                Append(hash, "\n");
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// A hash of the logical content of a source: schema text and every row of every table in key order,
/// with type tags so that 1 and '1' or NULL and '' differ. Independent of page layout in the file.
/// </summary>
public static class SourceDump
{
    private static readonly (string Table, string OrderBy)[] Tables =
    [
        ("sqlite_master", "type, name"),
        ("office", "office_code"),
        ("trader", "trader_id"),
        ("declaration", "row_id"),
        // At most one event of each code per declaration, so this order is total.
        ("declaration_event", "declaration_row_id, event_code"),
    ];

    public static string Hash(string file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using SqliteConnection connection = Sources.Open(file);
        foreach ((string table, string orderBy) in Tables)
        {
            Append(hash, $"#{table}\n");
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
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

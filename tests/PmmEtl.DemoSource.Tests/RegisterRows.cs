using System.Globalization;
using Microsoft.Data.Sqlite;
using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>One row a register query returned: canonical field name → value as text (null when NULL).</summary>
public sealed class RegisterRow(IReadOnlyDictionary<string, string?> values)
{
    public string? this[string field] => values[field];

    public IReadOnlyDictionary<string, string?> Values => values;

    public bool Flag(string field) => values[field] is "1" or "Y";

    public double Number(string field) => double.Parse(values[field]!, CultureInfo.InvariantCulture);
}

/// <summary>The result of running a register's demo.yaml query against a generated source, as the pipeline's SQLite source would.</summary>
public sealed class RegisterRows
{
    private RegisterRows(RecordSchema register, IReadOnlyList<string> columns, IReadOnlyList<RegisterRow> rows)
    {
        Register = register;
        Columns = columns;
        Rows = rows;
    }

    public RecordSchema Register { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<RegisterRow> Rows { get; }

    /// <summary>Runs the query with the window [<paramref name="from"/>, <paramref name="to"/>) bound where it names @from / @to.</summary>
    public static RegisterRows Read(string file, RecordSchema register, string from = "0001-01-01", string to = "9999-12-31")
    {
        string sql = DemoPipeline.Queries[register.Name];
        using SqliteConnection connection = Sources.Open(file);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("@from", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("@from", from);
        }

        if (sql.Contains("@to", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("@to", to);
        }

        using SqliteDataReader reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<RegisterRow>();
        while (reader.Read())
        {
            var values = new Dictionary<string, string?>(columns.Count, StringComparer.Ordinal);
            for (int i = 0; i < columns.Count; i++)
            {
                values[columns[i]] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(new RegisterRow(values));
        }

        return new RegisterRows(register, columns, rows);
    }
}

using System.Data.Common;
using System.Globalization;

namespace PmmEtl.Warehouse.Sql;

/// <summary>Parameterised commands for any engine: values travel as parameters, never as SQL text.</summary>
public sealed class SqlCommands
{
    private readonly DbConnection _connection;
    private readonly ISqlDialect _dialect;

    public SqlCommands(DbConnection connection, ISqlDialect dialect)
    {
        _connection = connection;
        _dialect = dialect;
    }

    public DbTransaction? Transaction { get; set; }

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = _connection.CreateCommand();
        command.CommandText = _dialect.Parameters(sql);
        command.Transaction = Transaction;
        command.CommandTimeout = 0;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public IEnumerable<DbDataReader> Rows(string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(sql, parameters);
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader;
        }
    }

    public long Long(string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(sql, parameters);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public DbTransaction Begin()
    {
        Transaction = _connection.BeginTransaction();
        return Transaction;
    }

    public void Commit()
    {
        Transaction?.Commit();
        Transaction?.Dispose();
        Transaction = null;
    }

    public void Rollback()
    {
        Transaction?.Rollback();
        Transaction?.Dispose();
        Transaction = null;
    }
}

/// <summary>Typed reads that tolerate each provider's own CLR types for the same SQL type.</summary>
public static class Read
{
    public static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static long? NullableLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    public static decimal? NullableDecimal(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);

    public static string? NullableText(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateOnly Date(DbDataReader r, int i) => r.GetValue(i) switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        var other => DateOnly.FromDateTime(Convert.ToDateTime(other, CultureInfo.InvariantCulture)),
    };

    public static DateOnly? NullableDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);

    public static DateTime Utc(DbDataReader r, int i) => r.GetValue(i) switch
    {
        DateTimeOffset o => o.UtcDateTime,
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        var other => DateTime.SpecifyKind(Convert.ToDateTime(other, CultureInfo.InvariantCulture), DateTimeKind.Utc),
    };
}

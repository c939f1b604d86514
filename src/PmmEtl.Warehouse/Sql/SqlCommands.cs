using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using NodaTime;

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

    /// <summary>
    /// Rows mapped by Dapper onto <typeparamref name="T"/>'s settable properties, a snake_case column to the property of
    /// the same name without underscores (<c>run_id</c> to <c>RunId</c>), or the first column when <typeparamref name="T"/>
    /// is a single value. The command is this class's own, so parameters and the open transaction stay as for
    /// <see cref="Execute"/> (DuckDB's <c>$name</c> included). Dapper converts each provider's numeric and date types to the
    /// property's; a NULL leaves the property at its default.
    /// </summary>
    public IReadOnlyList<T> Query<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        SnakeCaseColumns.Register(typeof(T));
        using DbCommand command = Command(sql, parameters);
        using DbDataReader reader = command.ExecuteReader();
        return reader.Parse<T>().ToList();
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

/// <summary>
/// Dapper's column-to-property map for the row types read through <see cref="SqlCommands.Query{T}"/>: set per row type
/// (never Dapper's global underscore switch), so other Dapper users in the process keep their own mapping.
/// </summary>
internal static class SnakeCaseColumns
{
    private static readonly ConcurrentDictionary<Type, bool> Registered = new();

    public static void Register(Type type)
    {
        // Single values (a count, a date, text) are read from the first column and need no map.
        if (type.IsValueType || type == typeof(string) || !Registered.TryAdd(type, true))
        {
            return;
        }

        SqlMapper.SetTypeMap(type, new CustomPropertyTypeMap(type, Property));
    }

    private static PropertyInfo Property(Type type, string column) =>
        type.GetProperty(column.Replace("_", "", StringComparison.Ordinal), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new InvalidOperationException($"column '{column}' has no property in {type.Name}");
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

    public static DateTime Utc(DbDataReader r, int i) => Utc(r.GetValue(i));

    /// <summary>A UTC column's value as an instant: DuckDB and SQL Server return it unmarked, PostgreSQL marked UTC.</summary>
    public static Instant UtcInstant(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Instant? UtcInstant(DateTime? utc) => utc is { } u ? UtcInstant(u) : null;

    private static DateTime Utc(object value) => value switch
    {
        DateTimeOffset o => o.UtcDateTime,
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        var other => DateTime.SpecifyKind(Convert.ToDateTime(other, CultureInfo.InvariantCulture), DateTimeKind.Utc),
    };
}

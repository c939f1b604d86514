using DuckDB.NET.Data;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>Small helpers for parameterised DuckDB commands ($name parameters); values never become SQL text.</summary>
internal static class DuckDbCommands
{
    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using DuckDBCommand command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using DuckDBCommand command = connection.Command(sql, parameters);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// One source query, ready to read: checked to be one statement (the pipeline loader checks it too; a definition built
/// in code is checked here), on a locked-down connection (<see cref="SourceConnectionFactory.Open"/>), for DuckDB
/// checked to be a SELECT by DuckDB's parser, for PostgreSQL run inside a READ ONLY transaction that is rolled back,
/// with the window bound as parameters. Used by the declaration and the register readers alike.
/// </summary>
public sealed class SourceQuery : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;

    private SourceQuery(DbConnection connection, DbTransaction? transaction, DbCommand command)
    {
        _connection = connection;
        _transaction = transaction;
        Command = command;
    }

    public DbCommand Command { get; }

    /// <param name="key">The query's key for messages, e.g. <c>source.queries.declaration</c>.</param>
    public static SourceQuery Open(SourceDefinition source, SourceProvider provider, string key, string sql, ExtractWindow window)
    {
        if (SqlStatements.SingleStatementProblem(sql, provider) is { } problem)
        {
            throw new SourceConfigurationException($"{key}: {problem}");
        }

        DbConnection connection = SourceConnectionFactory.Open(source);
        DbTransaction? transaction = null;
        try
        {
            if (connection is DuckDBConnection duck)
            {
                SourceLockdown.DuckDbSelectOnly(duck, key, sql);
            }

            transaction = connection is NpgsqlConnection ? SourceLockdown.PostgresReadOnlyTransaction(connection) : null;
            DbCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = 0; // a night's extract may run long; cancellation stops it instead
            WindowParameters.Bind(command, provider, sql, window);
            return new SourceQuery(connection, transaction, command);
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Command.Dispose();
        // Disposing an open transaction rolls it back: the extract never commits anything.
        _transaction?.Dispose();
        _connection.Dispose();
    }
}

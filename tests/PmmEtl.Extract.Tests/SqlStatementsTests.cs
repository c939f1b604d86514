using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract.Tests;

/// <summary>Statements are counted as each engine splits them: semicolons in literals, quoted names and comments do not count.</summary>
public sealed class SqlStatementsTests
{
    private static SourceProvider Provider(string kind) => SourceProvider.Find(kind)!;

    [Theory]
    [InlineData("SELECT 1", 1)]
    [InlineData("SELECT 1;", 1)]
    [InlineData("SELECT 1;;", 1)]
    [InlineData("SELECT 1;\n  -- done\n", 1)]
    [InlineData("SELECT 1; -- trailing\n/* c */ ;", 1)]
    [InlineData("SELECT 1; SELECT 2", 2)]
    [InlineData("SELECT 1;\nSELECT 2;\nSELECT 3;", 3)]
    [InlineData("SELECT ';' AS x", 1)]
    [InlineData("SELECT 'it''s; fine' AS x", 1)]
    [InlineData("SELECT \"a;b\" FROM t", 1)]
    [InlineData("SELECT \"a\"\";b\" FROM t", 1)]
    [InlineData("SELECT 1 -- ; DROP TABLE t\n", 1)]
    [InlineData("SELECT 1 -- ; DROP TABLE t\n; DROP TABLE t", 2)]
    [InlineData("SELECT 1 /* ; */", 1)]
    [InlineData("-- only a comment", 0)]
    [InlineData(" ; ; ", 0)]
    [InlineData("SELECT 'unclosed; DROP TABLE t", 1)]
    public void Every_engine_splits_on_semicolons_outside_literals_and_comments(string sql, int expected)
    {
        foreach (string kind in new[] { "sqlite", "duckdb", "postgres", "sqlserver" })
        {
            Assert.True(expected == SqlStatements.Count(sql, Provider(kind)), $"{kind}: {sql}");
        }
    }

    [Theory]
    // Dollar quoting and escape strings are PostgreSQL's and DuckDB's; elsewhere the same text splits.
    [InlineData("SELECT $$a;b$$ AS x", 1, 2)]
    [InlineData("SELECT $tag$a;$$;b$tag$ AS x", 1, 3)]
    [InlineData("SELECT E'it\\'s; x' AS x", 1, 2)]
    // $from is DuckDB's parameter, not a dollar quote.
    [InlineData("SELECT * FROM d WHERE day >= $from AND day < $to;", 1, 1)]
    [InlineData("SELECT * FROM d WHERE day >= $from; SELECT $to", 2, 2)]
    [InlineData("SELECT a$b FROM t; SELECT 2", 2, 2)]
    public void Postgres_and_duckdb_know_dollar_quotes_and_escape_strings(string sql, int postgresLike, int sqlite)
    {
        Assert.Equal(postgresLike, SqlStatements.Count(sql, SourceProvider.Postgres));
        Assert.Equal(postgresLike, SqlStatements.Count(sql, SourceProvider.DuckDb));
        Assert.Equal(sqlite, SqlStatements.Count(sql, SourceProvider.Sqlite));
    }

    [Fact]
    public void Block_comments_nest_in_postgres_duckdb_and_sql_server_but_not_in_sqlite()
    {
        // SQLite ends the comment at the first */, so "; SELECT 2 */" is a second statement there.
        const string sql = "SELECT 1 /* a /* b */ ; SELECT 2 */";
        Assert.Equal(1, SqlStatements.Count(sql, SourceProvider.Postgres));
        Assert.Equal(1, SqlStatements.Count(sql, SourceProvider.DuckDb));
        Assert.Equal(1, SqlStatements.Count(sql, SourceProvider.SqlServer));
        Assert.Equal(2, SqlStatements.Count(sql, SourceProvider.Sqlite));
    }

    [Theory]
    [InlineData("SELECT [a;b] FROM t", "sqlite", 1)]
    [InlineData("SELECT `a;b` FROM t", "sqlite", 1)]
    [InlineData("SELECT [a;b] FROM t", "sqlserver", 1)]
    [InlineData("SELECT [a]];b] FROM t", "sqlserver", 1)]
    // T-SQL needs no semicolon between statements, and GO separates batches.
    [InlineData("SELECT d.id AS declaration_id FROM d WHERE d.day >= @from INSERT INTO t VALUES (1)", "sqlserver", 2)]
    [InlineData("SELECT 1\nGO\nSELECT 2", "sqlserver", 2)]
    [InlineData("SELECT d.id AS declaration_id FROM d WHERE d.day >= @from AND d.day < @to;", "sqlserver", 1)]
    public void Quoted_names_and_t_sql_statements_without_semicolons(string sql, string kind, int expected)
    {
        Assert.Equal(expected, SqlStatements.Count(sql, Provider(kind)));
    }

    [Fact]
    public void The_problem_names_the_count_and_a_single_statement_has_none()
    {
        Assert.Null(SqlStatements.SingleStatementProblem("SELECT 1;", SourceProvider.Postgres));
        Assert.Equal("holds no SQL statement", SqlStatements.SingleStatementProblem("-- nothing", SourceProvider.Postgres));
        Assert.StartsWith("holds 2 statements: a source query is one statement",
            SqlStatements.SingleStatementProblem("SET default_transaction_read_only = off; INSERT INTO t VALUES (1)", SourceProvider.Postgres), StringComparison.Ordinal);
    }
}

using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests;

/// <summary>A source query of more than one statement is refused when the pipeline is loaded, naming the query's key and line.</summary>
public sealed class SingleStatementDefinitionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string queries)
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, $"""
            name: p
            source:
              kind: postgres
              connection_string: "Host=db;Database=customs"
              queries:
            {queries}
            offices:
              - {"{"} code: NYC, name: New York, type: SEAPORT, country: US, zone: America/New_York {"}"}
            warehouse: {"{"} engine: duckdb, path: w.duckdb {"}"}
            schedule: {"{"} cron: "0 3 * * *", time_zone: America/New_York {"}"}
            output: out
            """);
        return path;
    }

    [Fact]
    public void Each_query_of_several_statements_is_named_with_its_line()
    {
        string path = Write("""
                declaration: |
                  SELECT * FROM d WHERE day >= @from AND day < @to;
                  SET default_transaction_read_only = off;
                  INSERT INTO d VALUES ('x')
                inspection: "SELECT * FROM i; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
            """);

        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path));

        Assert.Equal(2, e.Problems.Count);
        Assert.StartsWith("line 6: source.queries.declaration: holds 3 statements: a source query is one statement", e.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 10: source.queries.inspection: holds 2 statements", e.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Semicolons_in_literals_and_comments_and_one_trailing_semicolon_are_one_statement()
    {
        string path = Write("""
                declaration: |
                  -- the export's own view; read-only
                  SELECT d.*, 'a;b' AS note, "odd;name" FROM d /* ; */ WHERE day >= @from AND day < @to;
            """);

        Assert.Contains("'a;b' AS note", PipelineDefinitionLoader.Load(path).Source.Queries["declaration"], StringComparison.Ordinal);
    }
}

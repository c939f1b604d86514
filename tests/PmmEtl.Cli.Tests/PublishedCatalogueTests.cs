using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// kpi_catalogue.parquet after a real <c>pmm-etl run</c> of the fixture pipeline (K04, K05, K06, K10, K12, K13, K14),
/// read by DuckDB the way the analysts' guide shows: every value row finds its definition on kpi_code.
/// </summary>
public sealed class PublishedCatalogueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_audience_s_values_join_their_definitions_in_the_same_version()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");
        Assert.True(code == 0, error);

        foreach (string audience in new[] { "public", "wco", "national" })
        {
            string version = Path.Combine(_folder.Path, "snapshots", audience, "fixture", "2025", "v1");
            string values = Literal(Path.Combine(version, "kpi_values.parquet"));
            string catalogue = Literal(Path.Combine(version, "kpi_catalogue.parquet"));

            // The analysts' guide query: values with their definitions, unmatched rows counted.
            object?[] joined = DuckDbRows.Read("Data Source=:memory:",
                $"SELECT count(*), count(c.kpi_code), count(DISTINCT v.kpi_code) FROM read_parquet({values}) v " +
                $"LEFT JOIN read_parquet({catalogue}) c USING (kpi_code)").Single();
            Assert.Equal(joined[0], joined[1]);
            // All seven KPIs are public, so each audience has rows, and so a definition, of each.
            Assert.Equal(7L, joined[2]);

            List<object?[]> entries = DuckDbRows.Read("Data Source=:memory:",
                $"SELECT kpi_code, formula_kind, unit, disclosure FROM read_parquet({catalogue}) ORDER BY kpi_code");
            Assert.Equal(
            [
                ["K04", "mean_duration", "minutes", "public"], ["K05", "mean_duration", "minutes", "public"], ["K06", "mean_duration", "minutes", "public"],
                ["K10", "ratio", "%", "public"], ["K12", "ratio", "%", "public"], ["K13", "mean_duration", "minutes", "public"], ["K14", "ratio", "%", "public"],
            ], entries);
        }
    }

    private static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}

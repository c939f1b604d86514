namespace PmmEtl.EndToEnd.Tests;

/// <summary>The snapshot as an analyst opens it: read by DuckDB's own Parquet reader, not by the code that wrote it.</summary>
public sealed class PublishedSnapshotTests : IDisposable
{
    private readonly PipelineHarness _h;

    public PublishedSnapshotTests()
    {
        _h = new PipelineHarness(FixtureSource.PipelineYaml());
        FixtureSource.Write(Path.Combine(_h.Folder, "source.sqlite"), FixtureSource.Rows);
    }

    public void Dispose() => _h.Dispose();

    private static List<object?[]> Read(string sql) => DuckDbRows.Read("Data Source=:memory:", sql);

    [Fact]
    public void Kpi_values_read_back_with_hand_worked_values_and_analyst_friendly_types()
    {
        _h.Run();
        string file = Path.Combine(_h.Folder, "snapshots", "national", "fixture", "2025", "v1", "kpi_values.parquet").Replace("'", "''", StringComparison.Ordinal);

        object?[] k04 = Read($"SELECT value, n, median, disclosure, period_start FROM read_parquet('{file}') WHERE kpi_code = 'K04' AND variant = 'pmm' AND period_type = 'year' AND breakdown = 'total'").Single();
        Assert.Equal(220.0, k04[0]);
        Assert.Equal(6L, k04[1]);
        Assert.Equal(210.0, k04[2]);
        Assert.Equal("public", k04[3]);
        Assert.Equal(new DateOnly(2025, 1, 1), k04[4] is DateTime dt ? DateOnly.FromDateTime(dt) : (DateOnly)k04[4]!);

        Dictionary<string, string> types = Read($"DESCRIBE SELECT * FROM read_parquet('{file}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("DATE", types["period_start"]);
        Assert.Equal("DATE", types["period_end"]);
        Assert.Equal("DOUBLE", types["value"]);
        Assert.Equal("BIGINT", types["n"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["computed_at"]);
        Assert.DoesNotContain(Read($"SELECT type FROM parquet_schema('{file}')"), r => r[0] as string == "INT96");

        // Every row of the year in the warehouse is in the file, value for value.
        string columns = "kpi_code, variant, period_label, breakdown, breakdown_value, value, n, excluded, disclosure";
        List<object?[]> published = Read($"SELECT {columns} FROM read_parquet('{file}') ORDER BY ALL");
        List<object?[]> warehouse = _h.Query($"SELECT {columns} FROM fact_kpi_value WHERE period_year = 2025 ORDER BY ALL");
        Assert.Equal(warehouse.Count, published.Count);
        Assert.Equal(warehouse, published);
    }

    [Fact]
    public void The_manifest_names_run_policy_tzdb_and_checksums()
    {
        var summary = _h.Run();
        string manifest = File.ReadAllText(Path.Combine(_h.Folder, "snapshots", "national", "fixture", "2025", "v1", "manifest.json"));
        Assert.Contains(summary.Run.RunId, manifest, StringComparison.Ordinal);
        Assert.Contains("ambiguous=earlier;skipped=shift_forward", manifest, StringComparison.Ordinal);
        Assert.Contains(NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.TzdbVersion, manifest, StringComparison.Ordinal);
        Assert.Contains("sha256", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_chooses_the_audiences_and_the_small_count_threshold()
    {
        File.WriteAllText(Path.Combine(_h.Folder, "pipeline.yaml"),
            FixtureSource.PipelineYaml() + "\npublish:\n  audiences: [public]\n  suppress_below: 5\n");

        _h.Run();

        string snapshots = Path.Combine(_h.Folder, "snapshots");
        Assert.Equal(["public"], Directory.GetDirectories(snapshots).Select(Path.GetFileName));
        string file = Path.Combine(snapshots, "public", "fixture", "2025", "v1", "kpi_values.parquet").Replace("'", "''", StringComparison.Ordinal);
        Assert.Empty(Read($"SELECT 1 FROM read_parquet('{file}') WHERE disclosure <> 'public'"));
        // K04 over the year: N = 6, shown. K13 over the year: N = 3, below 5, so suppressed but still listed.
        Assert.Equal(220.0, Read($"SELECT value FROM read_parquet('{file}') WHERE kpi_code = 'K04' AND variant = 'pmm' AND period_type = 'year' AND breakdown = 'total'").Single()[0]);
        object?[] k13 = Read($"SELECT value, n, suppressed FROM read_parquet('{file}') WHERE kpi_code = 'K13' AND variant = 'pmm' AND period_type = 'year' AND breakdown = 'total'").Single();
        Assert.Equal([null, 3L, true], k13);
    }
}

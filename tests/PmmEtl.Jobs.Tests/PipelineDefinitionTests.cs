using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Definitions.Schedule;

namespace PmmEtl.Jobs.Tests;

public sealed class PipelineDefinitionTests
{
    private static string RepoFile(string relative)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [Fact]
    public void The_demo_pipeline_loads_with_its_offices_zones_and_kpis()
    {
        PipelineDefinition p = PipelineDefinitionLoader.Load(RepoFile("pipelines/demo.yaml"));
        Assert.Equal("demo", p.Name);
        Assert.Equal(7, p.Offices.Count);
        Assert.True(p.Offices.Select(o => o.Zone.Id).Distinct().Count() >= 3);
        // kpis: all — every PMM KPI (K01 … K51) and every FoS entry, with the officer-given inputs beside them.
        Assert.Equal(PmmEtl.Core.Catalogue.KpiCatalogue.All.Select(k => k.Code), p.Kpis.Select(k => k.Code));
        Assert.Equal(Enumerable.Range(1, 51).Select(i => $"K{i:D2}"), p.Kpis.Where(k => k.Family == PmmEtl.Core.Catalogue.CatalogueFamily.Pmm).Select(k => k.Code));
        Assert.Equal(3, p.InputFiles.Count);
        Assert.NotEmpty(p.SeizureCategories);
        Assert.Equal("America/New_York", p.Schedule.TimeZone.Id);
        Assert.Equal(WindowMode.Full, p.Window.Mode);
        Assert.EndsWith(Path.Combine("out", "demo", "warehouse.duckdb"), p.Warehouse.Path, StringComparison.Ordinal);
        Assert.Equal("ambiguous=earlier;skipped=shift_forward", p.Dst.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line_and_key_before_any_data_moves()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.yaml");
        File.WriteAllText(path, """
            name: bad
            source:
              kind: sqlite
              path: s.sqlite
              queries:
                declaration: SELECT 1
            offices:
              - { code: A, name: A, type: SEAPORT, country: US, zone: America/New_York }
              - { code: B, name: B, type: SEAPORT, country: US, zone: Mars/Olympus_Mons }
            warehouse:
              engine: duckdbx
              path: w.duckdb
            schedule:
              cron: "every night"
              time_zone: America/New_York
            kpis: [K04, K99]
            output: out
            dst:
              ambiguous: sometimes
            colour: blue
            """);

        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path));

        Assert.Contains(e.Problems, p => p.StartsWith("line 9: offices[1].zone: 'Mars/Olympus_Mons' is not an IANA time zone", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 11: warehouse.engine: unknown warehouse engine 'duckdbx'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 14: schedule.cron: not a cron expression", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 16: kpis[1]: unknown KPI 'K99'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 19: dst.ambiguous: unknown policy 'sometimes'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 20: colour: unknown key", StringComparison.Ordinal));
        Assert.Equal(6, e.Problems.Count);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_that_is_not_one_or_outside_what_engines_hold_is_named_with_its_line_and_key()
    {
        using var folder = new TempFolder();
        string path = folder.File("dates.yaml");
        File.WriteAllText(path, """
            name: dates
            source:
              kind: sqlite
              path: s.sqlite
              queries:
                declaration: SELECT 1
            offices:
              - { code: A, name: A, type: SEAPORT, country: US, zone: America/New_York }
            warehouse:
              engine: duckdb
              path: w.duckdb
            schedule:
              cron: "30 2 * * *"
              time_zone: America/New_York
            kpis: [K04]
            output: out
            valid_range: { from: 1500-01-01, to: 2199-12-31 }
            covers:
              training: { from: 2025-13-01, to: 2026-01-01 }
            """);

        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path));

        // 1500 is a date, but before 1753, the first year every engine and the workbook can hold; month 13 is no date.
        Assert.Contains(e.Problems, p => p.StartsWith("line 17: valid_range.from: expected a date yyyy-MM-dd between 1753 and 9998 (what every engine and the workbook can hold), got '1500-01-01'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("line 19: covers.training.from: expected a date yyyy-MM-dd, got '2025-13-01'", StringComparison.Ordinal));
        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public void A_missing_section_is_named()
    {
        using var folder = new TempFolder();
        string path = folder.File("empty.yaml");
        File.WriteAllText(path, "name: x\n");
        var e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path));
        Assert.Contains(e.Problems, p => p.Contains("source: missing required section", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("offices: missing required list", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("warehouse: missing required section", StringComparison.Ordinal));
    }
}

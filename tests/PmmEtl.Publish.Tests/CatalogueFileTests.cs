using System.Text.Json;
using System.Text.Json.Nodes;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Verify;
using PmmEtl.Reports;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// kpi_catalogue.parquet (schema 3): in every audience's version, one row per catalogue entry the version has values
/// of, read by DuckDB and joined to the values on kpi_code, listed in the manifest and checked by verify.
/// </summary>
public sealed class CatalogueFileTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    private static string Catalogue(string versionFolder) => DuckDb.Literal(Path.Combine(versionFolder, ParquetSnapshotPublisher.CatalogueFileName));

    [Fact]
    public void Each_audience_gets_the_entries_of_the_KPIs_it_has_values_of()
    {
        // SampleRows: K04 has public rows (and a national office row); K10 only WCO rows.
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        string Codes(string audience) => string.Join(",", DuckDb.Query(
            $"SELECT kpi_code FROM read_parquet({Catalogue(AudienceTests.Folder(published, audience))}, file_row_number = true) ORDER BY file_row_number")
            .Select(r => (string)r[0]!));
        Assert.Equal("K04", Codes("public"));
        Assert.Equal("K04,K10", Codes("wco"));
        Assert.Equal("K04,K10", Codes("national"));
    }

    [Fact]
    public void An_entry_reads_back_with_every_field_of_its_definition()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        object?[] k04 = DuckDb.Query($"SELECT * FROM read_parquet({Catalogue(published.Folder)}) WHERE kpi_code = 'K04'").Single();

        KpiDefinition definition = KpiCatalogue.Find("K04")!;
        Assert.Equal<object?>(
        [
            "pmm", "K04", "physical_release_time_import", "Physical release time for import", "I. Trade Facilitation and Economic Competitiveness",
            "Smoother movement of goods", "transactional", "mean_duration", "Σ T_i / N: mean minutes over the N declarations measured",
            "ΣT_i/N (T_i, N and unit lost in extraction)", definition.Definition, "minutes", 2L, "annually (calendar year)",
            // Measured from the declaration fact: by month, quarter and year.
            "month, quarter, year", "public",
            // K04's breakdowns in its order; the Customs share is public while the actor split is WCO-only.
            "responsible_actor: wco (CUSTOMS: public); aeo: wco; pre_arrival: wco; mode_of_transport: wco; office: national; control_channel: national",
            // No variables nor checklist items; one variant, the segment measurable without an arrival time.
            null, null, $"lodgement_to_release: {definition.Variants.Single().Description}", definition.Decision,
            // The request's catalogue version, as in the manifest.
            "pmm-2024.1",
        ], k04);
    }

    [Fact]
    public void A_variant_is_described_with_its_name_and_meaning()
    {
        KpiValue k13 = SampleRows.MeanDuration with { KpiCode = "K13", KpiId = "ecommerce_low_risk_clearance_time" };

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), new FakeKpiValueReader([k13], [], []));

        object?[] row = DuckDb.Query($"SELECT variants, breakdowns FROM read_parquet({Catalogue(published.Folder)})").Single();
        // Every variant, in catalogue order: the printed reading, then the count on declarations (the KPI counts shipments).
        IReadOnlyList<KpiVariant> variants = KpiCatalogue.Find("K13")!.Variants;
        Assert.Equal(["as_printed", "declarations"], variants.Select(v => v.Name));
        Assert.Equal($"as_printed: {variants[0].Description}; declarations: {variants[1].Description}", row[0]);
        Assert.Equal("office: national; control_channel: national", row[1]);
    }

    [Fact]
    public void Every_value_of_a_catalogued_KPI_joins_its_definition_on_kpi_code()
    {
        KpiValue unknown = SampleRows.MeanDuration with { KpiCode = "K99", KpiId = "not_in_the_catalogue" };
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(
            SampleRows.Request(_temp.Output), new FakeKpiValueReader([.. SampleRows.Values, unknown], [], []));

        string values = DuckDb.Literal(Archive.Values(published.Folder));
        List<object?[]> joined = DuckDb.Query(
            $"SELECT v.kpi_code, count(*), any_value(c.formula_kind), any_value(c.unit) FROM read_parquet({values}) v " +
            $"LEFT JOIN read_parquet({Catalogue(published.Folder)}) c USING (kpi_code) GROUP BY v.kpi_code ORDER BY v.kpi_code");

        // K04: month, office and as_printed rows; K10: quarter and month; K99 has no definition to publish.
        Assert.Equal([["K04", 3L, "mean_duration", "minutes"], ["K10", 2L, "ratio", "%"], ["K99", 1L, null, null]], joined);
    }

    [Fact]
    public void The_catalogue_columns_are_the_published_schema()
    {
        Assert.Equal(PublishedSchema.KpiCatalogue.Select(c => c.Name), CatalogueEntry.Columns.Select(c => c.Name));
        Assert.All(PublishedSchema.KpiCatalogue, c => Assert.Equal(3, c.AddedIn));
    }

    [Fact]
    public void The_manifest_lists_the_catalogue_with_rows_and_checksums_and_Parquet_metadata_names_the_version()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        using JsonDocument manifest = ManifestTests.ReadManifest(AudienceTests.Folder(published, "public"));
        JsonElement entry = manifest.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == ParquetSnapshotPublisher.CatalogueFileName);
        Assert.Equal(1, entry.GetProperty("rows").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("sha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("content_sha256").GetString());

        Dictionary<string, string> metadata = DuckDb.Query(
                $"SELECT decode(key), decode(value) FROM parquet_kv_metadata({Catalogue(AudienceTests.Folder(published, "public"))})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(("5", "public", "pmm-2024.1"), (metadata["pmm.schema_version"], metadata["pmm.audience"], metadata["pmm.kpi_catalogue_version"]));
    }

    [Fact]
    public void A_new_catalogue_version_with_the_same_values_is_a_new_version_that_changed_only_the_catalogue()
    {
        var publisher = new ParquetSnapshotPublisher();
        publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        PublishedSnapshot second = publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2") with { CatalogueVersion = "pmm-2024.2" }, SampleRows.Reader());

        Assert.All(second.Audiences, a => Assert.Equal((2, false), (a.Version, a.Unchanged)));
        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal(0, changes.GetProperty("values_changed").GetInt32());
        Assert.Equal([ParquetSnapshotPublisher.CatalogueFileName], changes.GetProperty("other_files_changed").EnumerateArray().Select(f => f.GetString()));

        // The same catalogue again: nothing new.
        PublishedSnapshot third = publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-3") with { CatalogueVersion = "pmm-2024.2" }, SampleRows.Reader());
        Assert.True(third.Unchanged);
    }

    [Fact]
    public void Verify_reports_a_changed_catalogue_file()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        string file = Path.Combine(published.Folder, ParquetSnapshotPublisher.CatalogueFileName);
        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        Assert.Contains(ArchiveVerifier.Verify(_temp.Output).Problems, p => p.Path == file && p.Message.StartsWith("changed: SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_reports_a_schema_3_version_whose_manifest_does_not_list_the_catalogue()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        string manifestPath = Path.Combine(published.Folder, ParquetSnapshotPublisher.ManifestFileName);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        JsonArray files = manifest["files"]!.AsArray();
        files.Remove(files.Single(f => (string?)f!["name"] == ParquetSnapshotPublisher.CatalogueFileName));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.Delete(Path.Combine(published.Folder, ParquetSnapshotPublisher.CatalogueFileName));

        // The edit itself is caught too: the history recorded the manifest's hash at publication.
        ArchiveProblem problem = VerifyTests.BesidesTheEditedManifest(ArchiveVerifier.Verify(_temp.Output), published.Folder);

        Assert.Equal(manifestPath, problem.Path);
        Assert.Equal("does not list kpi_catalogue.parquet, which every version of schema 3 or later has", problem.Message);
    }

    [Fact]
    public void A_value_of_every_entry_publishes_the_whole_catalogue_in_its_order_and_verifies()
    {
        // One national year value per entry: a number, or for a text item its answer.
        KpiValue[] values = [.. KpiCatalogue.All.Select(k => SampleRows.TextAnswer with
        {
            KpiCode = k.Code, KpiId = k.Id, Unit = k.Unit, Disclosure = "national",
            Value = k.Formula == FormulaKind.Text ? null : 1.0, ValueText = k.Formula == FormulaKind.Text ? "an answer" : null,
        })];
        SnapshotRequest request = SampleRows.Request(_temp.Output) with { Audiences = [Disclosure.National] };

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(request, new FakeKpiValueReader(values, [], []));

        List<object?[]> rows = DuckDb.Query(
            $"SELECT family, kpi_code FROM read_parquet({Catalogue(published.Folder)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(KpiCatalogue.All.Select(k => k.Code), rows.Select(r => (string)r[1]!));
        // The PMM's 51 KPIs first, K01 … K51, then the FoS entries.
        Assert.Equal(Enumerable.Range(1, 51).Select(i => $"K{i:D2}"), rows.Take(51).Select(r => (string)r[1]!));
        Assert.All(rows.Take(51), r => Assert.Equal("pmm", r[0]));
        Assert.All(rows.Skip(51), r => Assert.Equal("fos", r[0]));
        Assert.Empty(ArchiveVerifier.Verify(_temp.Output).Problems);
    }

    public void Dispose() => _temp.Dispose();
}

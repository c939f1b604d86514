using PmmEtl.Core.Catalogue;
using PmmEtl.Testing;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// docs/kpi-decisions.md against the catalogue: the document is where a reader learns how each KPI reads the seeds, so
/// it is generated from the catalogue and must be exactly what the catalogue generates; what the catalogue publishes
/// (its variants, its readings) must be there, and a reading must stand on reasons that are about what it decides.
/// </summary>
public sealed class KpiDecisionsDocumentTests
{
    private static readonly string Document = File.ReadAllText(RepoFiles.Path("docs/kpi-decisions.md"));

    /// <summary>The row of a KPI in the document's tables ("| K21 | …").</summary>
    private static string Row(string code) =>
        Document.Split('\n').Single(l => l.StartsWith($"| {code} |", StringComparison.Ordinal));

    [Fact]
    public void The_committed_document_is_what_the_catalogue_generates()
    {
        string generated = KpiDecisionsDocument.Render(KpiCatalogue.Areas);

        Assert.True(
            Document.ReplaceLineEndings("\n") == generated,
            "docs/kpi-decisions.md is not what the catalogue generates: run `pmm-etl kpis --decisions-markdown > docs/kpi-decisions.md`"
            + $" (first difference at character {FirstDifference(Document.ReplaceLineEndings("\n"), generated)})");
    }

    [Fact]
    public void Every_section_names_its_own_file_and_every_entry_has_a_decision_row()
    {
        foreach (CatalogueArea area in KpiCatalogue.Areas)
        {
            Assert.True(File.Exists(RepoFiles.Path($"src/PmmEtl.Core/Catalogue/Areas/{area.SourceFile}")), area.SourceFile);
            Assert.Contains($"Definitions in `src/PmmEtl.Core/Catalogue/Areas/{area.SourceFile}`.", Document, StringComparison.Ordinal);
        }

        // Every entry reads the text somewhere: its code opens a row, alone or with the entries that share its decision.
        string[] rowCodes = [.. Document.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(" | ")[0].TrimStart('|', ' ').Split(", "))];
        Assert.All(KpiCatalogue.All, k => Assert.Contains(k.Code, rowCodes));
    }

    private static int FirstDifference(string a, string b) =>
        Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));

    [Fact]
    public void Every_published_variant_is_named_in_the_decisions()
    {
        foreach (KpiDefinition kpi in KpiCatalogue.All)
        {
            foreach (KpiVariant variant in kpi.Variants)
            {
                Assert.True(Document.Contains(variant.Name, StringComparison.Ordinal), $"{kpi.Code}: variant {variant.Name} is not in docs/kpi-decisions.md");
            }
        }
    }

    [Fact]
    public void K08_K41_and_the_fos_items_are_documented_as_the_catalogue_reads_them()
    {
        // K08: the count is the KPI, the share a labelled variant.
        Assert.Contains("the KPI is that count (FormulaKind Value", Row("K08"), StringComparison.Ordinal);
        Assert.Contains("`share_of_services`", Row("K08"), StringComparison.Ordinal);
        // K41: N is every frontline officer on inspection duty, the coverage a variant, competencies distinct.
        Assert.Contains("N = the frontline officers assigned to inspection duties", Row("K41"), StringComparison.Ordinal);
        Assert.Contains("`assessed_share`", Row("K41"), StringComparison.Ordinal);
        Assert.Contains("Competencies are counted distinct per officer", Row("K41"), StringComparison.Ordinal);
        // FoS: which levels ask the additional information, and the capacity-building questions per level.
        Assert.Contains("one indicator at level 4 or 5 asks all the Standard's items", Row("Additional information: when asked"), StringComparison.Ordinal);
        Assert.Contains("1a (level 1); 2a, 2b (2); 3a, 3b, 3c (3); 4a, 4b, 4c, 4d (4); 5a, 5b (5)", Row("Capacity building"), StringComparison.Ordinal);
    }

    [Fact]
    public void K21_counts_every_inspection_type_for_reasons_about_types_not_the_phrase_about_selection_sources()
    {
        // "including all of the different types of inspection sources" is about how inspections are selected (A against
        // B); it cannot justify counting every inspection *type*. The reasons given are the card's own words on types
        // and its outcome, in the document and in the catalogue's decision alike.
        string row = Row("K21");
        string decision = KpiCatalogue.Find("K21")!.Decision!;
        foreach (string text in new[] { row, decision })
        {
            Assert.Contains("technical targeting and detection capabilities", text, StringComparison.Ordinal);
            Assert.Contains("physical inspections", text, StringComparison.Ordinal);
            Assert.DoesNotContain("the description counts", text, StringComparison.Ordinal);
        }

        Assert.Contains("is about how an inspection was selected, the split into A and B, not about its type", decision, StringComparison.Ordinal);
        Assert.Contains(decision, row, StringComparison.Ordinal);
    }
}

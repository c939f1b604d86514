using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Tests.Catalogue;

/// <summary>
/// How <see cref="KpiDecisionsDocument"/> lays a section out, on a made-up section whose expected table is written
/// out by hand below; and the catalogue's sections as the one shape every entry is built in.
/// </summary>
public sealed class KpiDecisionsDocumentRenderTests
{
    private static KpiDefinition Entry(string code, string printed, string? decision) => new()
    {
        Code = code,
        Id = code.ToLowerInvariant(),
        Name = code,
        Area = "Z. Test area",
        Outcome = "o",
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.Checklist,
        PrintedFormula = printed,
        Definition = "d",
        Unit = "%",
        MinimumPeriodicity = "annually",
        Disclosure = Disclosure.Public,
        Decision = decision,
    };

    [Fact]
    public void A_section_gives_its_file_preface_shared_decisions_then_one_row_per_distinct_decision()
    {
        CatalogueArea area = new("Z. Test area", "TestArea.cs",
        [
            Entry("Z1", "A/B", "Read as the share."),
            Entry("Z2", "A|B", "Read | as printed."),
            Entry("Z3", "C/D", "Read as the share."),
            Entry("Z4", "E", null),
        ])
        {
            Preface = "Counted on records.",
            SharedDecisions = [new("Z1, Z3", "Both count cases.")],
        };

        string md = KpiDecisionsDocument.Render([area]);

        // Z1 and Z3 share a decision, so a row with both printed formulas; a pipe is escaped so the table keeps its
        // columns; Z4 has no decision and no row.
        string expected = """

            ## Z. Test area (Z1–Z4)

            Definitions in `src/PmmEtl.Core/Catalogue/Areas/TestArea.cs`. Counted on records.

            | entry | printed formula | decision |
            |---|---|---|
            | Z1, Z3 |  | Both count cases. |
            | Z1, Z3 | `A/B`; `C/D` | Read as the share. |
            | Z2 | `A\|B` | Read \| as printed. |

            """;
        Assert.EndsWith(expected.ReplaceLineEndings("\n"), md, StringComparison.Ordinal);
        Assert.StartsWith("# How each KPI reads the source documents\n", md, StringComparison.Ordinal);
        Assert.Contains("\n## Rules shared by every record-based and officer-given entry\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sections_hold_every_entry_once_in_catalogue_order_and_each_PMM_section_only_its_area()
    {
        Assert.Equal(KpiCatalogue.All, KpiCatalogue.Areas.SelectMany(a => a.Entries));
        Assert.Equal(
            [KpiCatalogue.TradeFacilitation, KpiCatalogue.Revenue, KpiCatalogue.Enforcement, KpiCatalogue.Organisation, KpiCatalogue.WcoTools, KpiCatalogue.Fos],
            KpiCatalogue.Areas);
        Assert.All(KpiCatalogue.Areas.Take(5), a => Assert.All(a.Entries, k => Assert.Equal(a.Name, k.Area)));
        Assert.All(KpiCatalogue.Fos.Entries, k => Assert.Equal(CatalogueFamily.Fos, k.Family));
        // Built once: the same instances on every read.
        Assert.Same(KpiCatalogue.All, KpiCatalogue.All);
        Assert.Same(KpiCatalogue.Find("K12"), KpiCatalogue.TradeFacilitation.Entries.Single(k => k.Code == "K12"));
    }
}

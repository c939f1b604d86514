using System.Globalization;
using Xunit;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// The one inspection and seizure fixture of area III (2024 and 2025), run once for the K21 and K23–K39 tests
/// (and K22, answered for 2025 only). Every expected value in those tests is worked out by hand from the tables
/// below; keep them in step with <see cref="Fixture"/>.
/// </summary>
/// <remarks>
/// Inspections (selection source decides K21; PHYSICAL and CUSTOMS/JOINT decide the hit-rate B):
/// <code>
///  id  date        office obj        dir     mode  type         by      selected by
///  N1  2025-02-10  NYC    GOODS      IMPORT  SEA   PHYSICAL     CUSTOMS RISK_PROFILE
///  N2  2025-03-05  NYC    GOODS      IMPORT  SEA   PHYSICAL     JOINT   RANDOM
///  N3  2025-03-20  LAX    PASSENGER  IMPORT  AIR   PHYSICAL     CUSTOMS OFFICER
///  N4  2025-07-01  LAX    PASSENGER  IMPORT  AIR   PHYSICAL     CUSTOMS RISK_PROFILE
///  N5  2025-08-15  ORD    GOODS      EXPORT  LAND  PHYSICAL     CUSTOMS TIP
///  N6  2025-09-09  NYC    GOODS      IMPORT  SEA   NII          CUSTOMS RISK_PROFILE
///  N7  2025-10-10  NYC    GOODS      IMPORT  SEA   DOCUMENTARY  CUSTOMS RISK_PROFILE
///  N8  2025-11-11  ORD    GOODS      IMPORT  LAND  PHYSICAL     OGA     OTHER_LEA
///  N9  2025-12-01  LAX    PASSENGER  -       -     NII          CUSTOMS RANDOM
///  Q1  2024-03-01  NYC    GOODS      IMPORT  SEA   PHYSICAL     CUSTOMS RISK_PROFILE
///  Q2  2024-06-01  ORD    GOODS      IMPORT  LAND  PHYSICAL     JOINT   RANDOM
/// </code>
/// Hit-rate B (physical, goods or passengers, Customs or joint): 2025 = N1 N2 N3 N4 N5 = 5 (SEA 2, AIR 2, LAND 1;
/// GOODS 3, PASSENGER 2; NYC 2, LAX 2, ORD 1); N6 N9 (NII), N7 (documentary), N8 (OGA) are out. 2024 = Q1 Q2 = 2.
/// <para/>
/// Seizures (items by commodity; the categories they count in under <see cref="Categories"/>; m = mandated_control):
/// <code>
///  id   date        office obj        mode  pc by      insp items                    counts in
///  S1   2025-02-10  NYC    GOODS      SEA   0  CUSTOMS N1   CIG-CF, ALC, ALC         CIGARETTES, IPR, ALCOHOL (once each)
///  S2   2025-03-20  LAX    PASSENGER  AIR   1  CUSTOMS N3   CASH, GEMS               FINANCIAL
///  S3   2025-07-01  LAX    PASSENGER  AIR   1  CUSTOMS N4   GEMS                     — (gems are not financial instruments)
///  S4   2025-08-15  ORD    GOODS      LAND  0  JOINT   N5   CIGAR, ECIG, TOB         — (none of them is a cigarette)
///  S5   2025-03-05  NYC    GOODS      SEA   0  JOINT   N2   REPLICA m=1, DRUG        FIREARMS, DRUGS
///  S6   2025-09-01  ORD    GOODS      RAIL  0  CUSTOMS -    REPLICA m=0, ART         CULTURAL (the replica is not mandated)
///  S7   2025-11-11  ORD    GOODS      LAND  0  OGA     N8   DRUG, ALC                — (OGA only)
///  S8   2025-06-01  NYC    GOODS      AIR   0  CUSTOMS -    CASH                     FINANCIAL, not via passenger control
///  S9   2025-04-04  NYC    GOODS      SEA   0  CUSTOMS -    IVORY, ODS, FOOD         ENVIRONMENTAL (once), FOODSTUFFS
///  S10  2025-10-10  LAX    PASSENGER  AIR   1  CUSTOMS -    CASH, FAKE, TOY          FINANCIAL, IPR, FOODSTUFFS
///  S11  2025-02-10  NYC    GOODS      SEA   0  CUSTOMS N1   ALC                      ALCOHOL
///  S12  2025-09-09  NYC    GOODS      SEA   0  CUSTOMS N6   DRUG                     DRUGS (found by an NII check)
///  P1   2024-03-01  NYC    GOODS      SEA   0  CUSTOMS Q1   ALC, CIG                 ALCOHOL, CIGARETTES
///  P2   2024-06-01  ORD    GOODS      LAND  0  JOINT   Q2   CIG, DRUG, IVORY         CIGARETTES, DRUGS, ENVIRONMENTAL
///  P3   2024-07-01  LAX    PASSENGER  AIR   1  CUSTOMS -    CASH, DRUG               FINANCIAL, DRUGS
///  P4   2024-08-01  NYC    GOODS      SEA   0  CUSTOMS -    FOOD, FAKE, ODS, GUN     FOODSTUFFS, IPR, ENVIRONMENTAL, FIREARMS
///  P5   2024-10-01  LAX    GOODS      AIR   0  CUSTOMS -    CASH                     FINANCIAL, not via passenger control
///  P6   2024-11-01  ORD    GOODS      LAND  0  OGA     -    ART                      — (OGA only)
///  P7   2024-12-01  LAX    PASSENGER  AIR   1  CUSTOMS -    GEMS                     —
/// </code>
/// Seizure cases per category (Customs or joint):
/// <code>
///  category        2025                       2024
///  ALCOHOL         S1 S11            = 2      P1          = 1
///  CIGARETTES      S1                = 1      P1 P2       = 2
///  CULTURAL_GOODS  S6                = 1      (P6 OGA)    = 0
///  FOODSTUFFS      S9 S10            = 2      P4          = 1
///  IPR             S1 S10            = 2      P4          = 1
///  DRUGS           S5 S12            = 2      P2 P3       = 2
///  ENVIRONMENTAL   S9                = 1      P2 P4       = 2
///  FIREARMS        S5                = 1      P4          = 1
///  FINANCIAL (pc)  S2 S10            = 2      P3          = 1
/// </code>
/// 2023 has no record at all (year t−1 of 2024 is missing); the aggregates enter K24's B for 2023 (4 seizures).
/// </remarks>
public static class AreaIIIRecords
{
    /// <summary>The default rules plus raw tobacco, which the card also keeps out of cigarettes.</summary>
    public static string Categories => RegisterFixture.DefaultCategories.TrimEnd() + "\nTOB,CIGARETTES,no,no,raw tobacco,excluded by K26\n";

    /// <summary>K22 for 2025: A–H yes (8), I no, J yes, K yes, L no, M no, N yes, O no, P yes, Q no → 12 yes.</summary>
    public const string Assessment = """
        year: 2025
        checklists:
          K22: { A: yes, B: yes, C: yes, D: yes, E: yes, F: yes, G: yes, H: yes, I: no, J: yes, K: yes, L: no, M: no, N: yes, O: no, P: yes, Q: no }
        """;

    /// <summary>The 2023 cigarette seizures from a system that was not migrated: K24's B of 2024, entered by an officer.</summary>
    public const string Aggregates = """
        kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note
        K24,B,2023,,,4,,J. Officer,cigarette seizures of 2023 from the legacy system
        """;

    public static RegisterFixture Fixture()
    {
        var f = new RegisterFixture().Categories(Categories).Assessment(Assessment).Aggregates(Aggregates);

        Inspection(f, "N1", "2025-02-10", "NYC", "GOODS", "IMPORT", "SEA", "PHYSICAL", "CUSTOMS", "RISK_PROFILE");
        Inspection(f, "N2", "2025-03-05", "NYC", "GOODS", "IMPORT", "SEA", "PHYSICAL", "JOINT", "RANDOM");
        Inspection(f, "N3", "2025-03-20", "LAX", "PASSENGER", "IMPORT", "AIR", "PHYSICAL", "CUSTOMS", "OFFICER");
        Inspection(f, "N4", "2025-07-01", "LAX", "PASSENGER", "IMPORT", "AIR", "PHYSICAL", "CUSTOMS", "RISK_PROFILE");
        Inspection(f, "N5", "2025-08-15", "ORD", "GOODS", "EXPORT", "LAND", "PHYSICAL", "CUSTOMS", "TIP");
        Inspection(f, "N6", "2025-09-09", "NYC", "GOODS", "IMPORT", "SEA", "NII", "CUSTOMS", "RISK_PROFILE");
        Inspection(f, "N7", "2025-10-10", "NYC", "GOODS", "IMPORT", "SEA", "DOCUMENTARY", "CUSTOMS", "RISK_PROFILE");
        Inspection(f, "N8", "2025-11-11", "ORD", "GOODS", "IMPORT", "LAND", "PHYSICAL", "OGA", "OTHER_LEA");
        Inspection(f, "N9", "2025-12-01", "LAX", "PASSENGER", null, null, "NII", "CUSTOMS", "RANDOM");
        Inspection(f, "Q1", "2024-03-01", "NYC", "GOODS", "IMPORT", "SEA", "PHYSICAL", "CUSTOMS", "RISK_PROFILE");
        Inspection(f, "Q2", "2024-06-01", "ORD", "GOODS", "IMPORT", "LAND", "PHYSICAL", "JOINT", "RANDOM");

        Seizure(f, "S1", "2025-02-10", "NYC", "GOODS", "SEA", false, "CUSTOMS", "N1", "CIG-CF", "ALC", "ALC");
        Seizure(f, "S2", "2025-03-20", "LAX", "PASSENGER", "AIR", true, "CUSTOMS", "N3", "CASH", "GEMS");
        Seizure(f, "S3", "2025-07-01", "LAX", "PASSENGER", "AIR", true, "CUSTOMS", "N4", "GEMS");
        Seizure(f, "S4", "2025-08-15", "ORD", "GOODS", "LAND", false, "JOINT", "N5", "CIGAR", "ECIG", "TOB");
        Seizure(f, "S5", "2025-03-05", "NYC", "GOODS", "SEA", false, "JOINT", "N2", "REPLICA+", "DRUG");
        Seizure(f, "S6", "2025-09-01", "ORD", "GOODS", "RAIL", false, "CUSTOMS", null, "REPLICA-", "ART");
        Seizure(f, "S7", "2025-11-11", "ORD", "GOODS", "LAND", false, "OGA", "N8", "DRUG", "ALC");
        Seizure(f, "S8", "2025-06-01", "NYC", "GOODS", "AIR", false, "CUSTOMS", null, "CASH");
        Seizure(f, "S9", "2025-04-04", "NYC", "GOODS", "SEA", false, "CUSTOMS", null, "IVORY", "ODS", "FOOD");
        Seizure(f, "S10", "2025-10-10", "LAX", "PASSENGER", "AIR", true, "CUSTOMS", null, "CASH", "FAKE", "TOY");
        Seizure(f, "S11", "2025-02-10", "NYC", "GOODS", "SEA", false, "CUSTOMS", "N1", "ALC");
        Seizure(f, "S12", "2025-09-09", "NYC", "GOODS", "SEA", false, "CUSTOMS", "N6", "DRUG");
        Seizure(f, "P1", "2024-03-01", "NYC", "GOODS", "SEA", false, "CUSTOMS", "Q1", "ALC", "CIG");
        Seizure(f, "P2", "2024-06-01", "ORD", "GOODS", "LAND", false, "JOINT", "Q2", "CIG", "DRUG", "IVORY");
        Seizure(f, "P3", "2024-07-01", "LAX", "PASSENGER", "AIR", true, "CUSTOMS", null, "CASH", "DRUG");
        Seizure(f, "P4", "2024-08-01", "NYC", "GOODS", "SEA", false, "CUSTOMS", null, "FOOD", "FAKE", "ODS", "GUN");
        Seizure(f, "P5", "2024-10-01", "LAX", "GOODS", "AIR", false, "CUSTOMS", null, "CASH");
        Seizure(f, "P6", "2024-11-01", "ORD", "GOODS", "LAND", false, "OGA", null, "ART");
        Seizure(f, "P7", "2024-12-01", "LAX", "PASSENGER", "AIR", true, "CUSTOMS", null, "GEMS");
        return f;
    }

    public static RegisterFixture Inspection(RegisterFixture f, string id, string date, string office, string objectType, string? direction, string? mode,
        string type, string performedBy, string selectedBy) =>
        f.Add("inspection", ("inspection_id", id), ("inspection_date", date), ("office_code", office), ("object_type", objectType),
            ("direction", direction), ("mode_of_transport", mode), ("inspection_type", type), ("performed_by", performedBy), ("selection_source", selectedBy));

    /// <summary>A seizure case and its items, one line per commodity; "REPLICA+" is a replica under mandated control, "REPLICA-" one without.</summary>
    public static RegisterFixture Seizure(RegisterFixture f, string id, string date, string office, string objectType, string mode, bool viaPassengerControl,
        string performedBy, string? inspection, params string[] commodities)
    {
        f.Add("seizure", ("seizure_id", id), ("seizure_date", date), ("office_code", office), ("inspection_id", inspection), ("object_type", objectType),
            ("mode_of_transport", mode), ("via_passenger_control", viaPassengerControl), ("performed_by", performedBy));
        for (int i = 0; i < commodities.Length; i++)
        {
            string commodity = commodities[i].TrimEnd('+', '-');
            bool? mandated = commodities[i].EndsWith('+') ? true : commodities[i].EndsWith('-') ? false : null;
            f.Add("seizure_item", ("seizure_id", id), ("line_no", i + 1), ("seizure_date", date), ("commodity", commodity), ("mandated_control", mandated));
        }

        return f;
    }

    /// <summary>One published cell of fact_kpi_value with the facts the area III tests check.</summary>
    public static AreaIIICell Cell(PipelineHarness h, string code, string period, string breakdown = "total", string value = "ALL", string variant = "pmm")
    {
        List<object?[]> rows = h.Query($"""
            SELECT value, n, numerator, denominator, disclosure, note FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND breakdown_value = '{value}' AND variant = '{variant}'
            """);
        Assert.True(rows.Count == 1, $"expected one row for {code} {period} {breakdown}={value} {variant}, found {rows.Count}");
        object?[] r = rows[0];
        return new AreaIIICell(
            r[0] is null ? null : Convert.ToDouble(r[0], CultureInfo.InvariantCulture),
            Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
            r[2] is null ? null : Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
            r[3] is null ? null : Convert.ToInt64(r[3], CultureInfo.InvariantCulture),
            (string)r[4]!,
            r[5] as string);
    }

    /// <summary>The breakdown values published for a KPI, period and breakdown, in order.</summary>
    public static string[] BreakdownValues(PipelineHarness h, string code, string period, string breakdown, string variant = "pmm") =>
        h.Query($"""
            SELECT breakdown_value FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND variant = '{variant}' ORDER BY breakdown_value
            """).Select(r => (string)r[0]!).ToArray();

    /// <summary>The breakdowns (other than the total) published for a KPI and variant.</summary>
    public static string[] Breakdowns(PipelineHarness h, string code, string variant = "pmm") =>
        h.Query($"""
            SELECT DISTINCT breakdown FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND variant = '{variant}' AND breakdown <> 'total' ORDER BY breakdown
            """).Select(r => (string)r[0]!).ToArray();
}

/// <summary>One published cell of fact_kpi_value: value, N, A and B as published, disclosure and note.</summary>
public sealed record AreaIIICell(double? Value, long N, long? Numerator, long? Denominator, string Disclosure, string? Note);

/// <summary>The area III fixture built and run once for every test of the collection.</summary>
public sealed class AreaIIIRun : IDisposable
{
    public AreaIIIRun()
    {
        Harness = AreaIIIRecords.Fixture().Build(
            "K21", "K22", "K23", "K24", "K25", "K26", "K27", "K28", "K29", "K30", "K31", "K32", "K33", "K34", "K35", "K36", "K37", "K38", "K39");
        Harness.Run();
    }

    public PipelineHarness Harness { get; }

    public void Dispose() => Harness.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AreaIIICollection : ICollectionFixture<AreaIIIRun>
{
    public const string Name = "Area III records";
}

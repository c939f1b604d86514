using System.Globalization;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// Adding one record in scope moves a value in the expected direction, for every variant where a generic
/// construction exists (<see cref="OneMoreRecord.Of"/>; the others, and why, are listed by the last test): a record of
/// the population's type, or of A's register, is cloned with a fresh key inside a rolled-back transaction, and the
/// variant's total for the period holding it is measured again. Which existing records are in scope is not worked out
/// here (that would be the measurer again): evenly spaced records of the year are tried until one moves the parts.
/// </summary>
[Collection(DemoWarehouseCollection.Name)]
public sealed class OneMoreRecordProperties(DemoWarehouse demo, ITestOutputHelper output)
{
    private const int Candidates = 8;
    private const string FreshKey = "PROPERTY-CLONE-0001";

    public static IEnumerable<TheoryDataRow<string, string>> Additions() =>
        CatalogueReads.All().Where(r => OneMoreRecord.Of(r).Construction is not null).Select(r =>
            new TheoryDataRow<string, string>(r.Kpi.Code, r.Variant) { TestDisplayName = $"{r.Kpi.Code}/{r.Variant} plus one {OneMoreRecord.Of(r).Construction!.Type}" });

    [Theory]
    [MemberData(nameof(Additions))]
    public void One_more_record_in_scope_moves_the_value_the_expected_way(string code, string variant)
    {
        KpiDefinition kpi = KpiCatalogue.All.Single(k => k.Code == code);
        OneMoreRecord how = OneMoreRecord.Of(CatalogueReads.Of(kpi).Single(r => r.Variant == variant)).Construction!;
        RecordSchema type = RecordTypes.Get(how.Type);
        IReadOnlyList<KpiValue> before = demo.Baseline(kpi);
        List<KpiValue> totals = before.Where(r => r.Variant == variant && r.Breakdown == KpiFormula.TotalBreakdown && r.Value is not null).ToList();
        Assert.True(totals.Count > 0, $"{code}/{variant} has no value on the demo to move");
        int year = totals.Max(r => r.PeriodStart.Year);

        if (how.Law is MoveLaw.Parts or MoveLaw.Count or MoveLaw.Amount)
        {
            KpiVariable a = (kpi.Variants.FirstOrDefault(v => v.Name == variant)?.Variables ?? kpi.Variables).Single(v => v.Name == "A");
            KpiValue total = Total(before, variant, null, year)!;
            if (RowBasis.EnteredFor(kpi, new Read(type.Name, a.YearOffset, true, a), total.PeriodType, total.Breakdown, total.BreakdownValue, total.PeriodStart.PlusYears(a.YearOffset), demo.Inputs))
            {
                Assert.Skip($"out: A of {code} for {total.PeriodLabel} is entered by an officer (the pipeline's inputs), which replaces its records");
            }
        }

        var tried = new List<string>();
        foreach (long rowid in CandidateRows(type, year, ScopeFilter.Of(kpi, variant, type)))
        {
            LocalDate? date = type.IsDated ? DateOf(type, rowid) : null;
            KpiValue? was = Total(before, variant, date, year);
            if (was?.Value is null)
            {
                continue;
            }

            IReadOnlyList<KpiValue> after = demo.MeasureAfter(kpi, [Clone(type, rowid), .. how.Linked.Select(l => CloneLinked(type, rowid, l.Register, l.Link))]);
            KpiValue now = Total(after, variant, date, year) ?? throw new InvalidOperationException($"{code}/{variant}: the total of {was.PeriodLabel} is gone");
            string? moved = Moved(how, kpi, was, now);
            if (moved is null)
            {
                tried.Add($"{type.Name} rowid {rowid}: not in scope ({was.PeriodLabel}: {was.Value} → {now.Value}, N {was.N} → {now.N}, A {was.Numerator} → {now.Numerator}, B {was.Denominator} → {now.Denominator})");
                continue;
            }

            output.WriteLine($"{code}/{variant} {was.PeriodLabel} plus a clone of {type.Name} rowid {rowid}: {moved}");
            Assert.True(moved.StartsWith("ok", StringComparison.Ordinal), $"{code}/{variant} {was.PeriodLabel}, a clone of {type.Name} rowid {rowid}: {moved}");
            return;
        }

        Assert.Fail($"{code}/{variant}: none of {Candidates} {type.Name} records of {year} is in scope ({string.Join("; ", tried)})");
    }

    [Fact]
    public void Every_variant_out_of_the_addition_property_has_a_reason_derived_from_the_catalogue()
    {
        var outOf = CatalogueReads.All().Select(r => (r, OneMoreRecord.Of(r))).Where(x => x.Item2.Construction is null).ToList();
        foreach ((VariantReads r, (OneMoreRecord? _, string? why)) in outOf)
        {
            Assert.False(string.IsNullOrWhiteSpace(why));
            output.WriteLine($"{r.Kpi.Code}/{r.Variant}: out, {why}");
        }

        // Every entry measured from records, population or counted variable, has at least one variant inside.
        Assert.Contains(CatalogueReads.All(), r => OneMoreRecord.Of(r).Construction is not null);
    }

    /// <summary>Null when the record is not in scope (nothing moved); "ok: …" when it moved as it must; else what went wrong.</summary>
    private static string? Moved(OneMoreRecord how, KpiDefinition kpi, KpiValue was, KpiValue now)
    {
        double before = was.Value!.Value;
        double? after = now.Value;
        double step = Math.Pow(10, -kpi.Precision);
        string values = $"{before} → {after?.ToString(CultureInfo.InvariantCulture) ?? "no value"} (N {was.N} → {now.N}, A {was.Numerator} → {now.Numerator}, B {was.Denominator} → {now.Denominator})";
        switch (how.Law)
        {
            case MoveLaw.PopulationRatio:
            {
                long dn = (now.Denominator ?? 0) - (was.Denominator ?? 0);
                long dh = (now.Numerator ?? 0) - (was.Numerator ?? 0);
                if (dn == 0 && dh == 0)
                {
                    return null;
                }

                bool ok = dn == 1 && dh is 0 or 1 && after is { } v && (dh == 1 ? v >= before : v <= before);
                return (ok ? "ok: " : "wrong: ") + values;
            }

            case MoveLaw.PopulationMean:
            {
                // A printed reading over the whole population moves with a record measured or not; the KPI's mean with a measured one.
                long dn = (now.Denominator ?? now.N) - (was.Denominator ?? was.N);
                if (dn == 0)
                {
                    return null;
                }

                double x = (now.SumMinutes ?? 0) - (was.SumMinutes ?? 0);
                bool ok = dn == 1 && after is { } v && v >= Math.Min(before, x) - step && v <= Math.Max(before, x) + step;
                return (ok ? "ok: " : "wrong: ") + values + $", the record's own duration {x}";
            }

            case MoveLaw.Parts:
            {
                long da = (now.Numerator ?? 0) - (was.Numerator ?? 0);
                long db = (now.Denominator ?? 0) - (was.Denominator ?? 0);
                if (da == 0 && db == 0)
                {
                    return null;
                }

                if (da < 0 || db < 0 || (how.CountsOnly && (da > 1 || db > 1)) || after is not { } v)
                {
                    return "wrong: " + values;
                }

                // The formula's direction in each part: a larger A never lowers the value, a larger B (a denominator,
                // the other part of a share, the year before of a variation) never raises it, unless A grew with it.
                bool ok = (da, db) switch
                {
                    (> 0, 0) => v >= before,
                    (0, > 0) => v <= before,
                    // A and B both grew by one (a ratio whose A is part of its B): a share up to 100 % rises or stays.
                    _ => how.Formula == FormulaKind.Ratio && was.Numerator <= was.Denominator ? v >= before : true,
                };
                return (ok ? "ok: " : "wrong: ") + values;
            }

            case MoveLaw.Count:
                return after == before ? null : (after == before + 1 ? "ok: " : "wrong: ") + values;

            case MoveLaw.Amount:
                return after == before ? null : (after > before ? "ok: " : "wrong: ") + values;

            default:
                throw new ArgumentOutOfRangeException(nameof(how), how.Law, "unknown law");
        }
    }

    /// <summary>The variant's total for the longest period holding the record's date (or starting in the year, for an undated record).</summary>
    private static KpiValue? Total(IReadOnlyList<KpiValue> rows, string variant, LocalDate? date, int year) =>
        rows.Where(r => r.Variant == variant && r.Breakdown == KpiFormula.TotalBreakdown
                        && (date is { } d ? r.PeriodStart <= d && d < r.PeriodEnd : r.PeriodStart.Year == year))
            .OrderByDescending(r => Period.Between(r.PeriodStart, r.PeriodEnd, PeriodUnits.Days).Days).FirstOrDefault();

    /// <summary>Evenly spaced records of the type dated in the year (any record of an undated type) that may be in scope, by their row id.</summary>
    private IEnumerable<long> CandidateRows(RecordSchema type, int year, string scope)
    {
        string where = type.IsDated
            ? $"WHERE t.{RemovalProperties.Column(type, type.DateField!)} >= DATE '{year:D4}-01-01' AND t.{RemovalProperties.Column(type, type.DateField!)} < DATE '{year + 1:D4}-01-01' AND {scope}"
            : $"WHERE {scope}";
        List<long> ids = demo.Query($"SELECT t.rowid FROM {type.Table} t {where} ORDER BY t.rowid").Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
        return Enumerable.Range(0, Math.Min(Candidates, ids.Count)).Select(i => ids[(int)((long)i * ids.Count / Math.Min(Candidates, ids.Count))]);
    }

    private LocalDate DateOf(RecordSchema type, long rowid) =>
        LocalDate.FromDateOnly((DateOnly)demo.Query($"SELECT {RemovalProperties.Column(type, type.DateField!)} FROM {type.Table} WHERE rowid = {rowid}")[0][0]!);

    /// <summary>
    /// The records of another register linked to the cloned record's key, again, linked to the fresh key (and, where the
    /// link is not their own key, under keys of their own).
    /// </summary>
    private static string CloneLinked(RecordSchema type, long rowid, string register, string link)
    {
        RecordSchema other = RecordTypes.Get(register);
        string linkColumn = RemovalProperties.Column(other, link);
        string ownKey = RemovalProperties.Column(other, other.Key[0]);
        string replace = ownKey == linkColumn ? $"'{FreshKey}' AS {linkColumn}" : $"'{FreshKey}' AS {linkColumn}, {ownKey} || '-{FreshKey}' AS {ownKey}";
        return $"INSERT INTO {other.Table} SELECT * REPLACE ({replace}) FROM {other.Table} " +
               $"WHERE {linkColumn} = (SELECT {RemovalProperties.Column(type, link)} FROM {type.Table} WHERE rowid = {rowid})";
    }

    /// <summary>The record again, under a fresh key: everything else (date, office, flags, durations, links) as it was.</summary>
    private static string Clone(RecordSchema type, long rowid) =>
        $"INSERT INTO {type.Table} SELECT * REPLACE ('{FreshKey}' AS {RemovalProperties.Column(type, type.Key[0])}) FROM {type.Table} WHERE rowid = {rowid}";
}

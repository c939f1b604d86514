using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Tests;

/// <summary>
/// Every member of each enum the core switches over maps to something of its own. The switches end in a throw, not a
/// silent default, so a member added to an enum without a mapping fails here rather than mid-run (or, worse, maps
/// to another member's code).
/// </summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Every_code_enum_member_has_its_own_code()
    {
        AssertDistinctCodes(Enum.GetValues<InputKind>().Select(k => k.ToCode()), Enum.GetValues<InputKind>().Length);
        AssertDistinctCodes(Enum.GetValues<CatalogueFamily>().Select(f => f.ToCode()), Enum.GetValues<CatalogueFamily>().Length);
        AssertDistinctCodes(Enum.GetValues<Disclosure>().Select(d => d.ToCode()), Enum.GetValues<Disclosure>().Length);
        AssertDistinctCodes(Enum.GetValues<PeriodType>().Select(p => p.ToCode()), Enum.GetValues<PeriodType>().Length);
        AssertDistinctCodes(Enum.GetValues<BreakdownKind>().Select(b => b.ToCode()), Enum.GetValues<BreakdownKind>().Length);
    }

    [Fact]
    public void A_value_outside_an_enum_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ((BreakdownKind)999).ToCode());
        Assert.Equal((BreakdownKind)999, e.ActualValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => Periods.Label((PeriodType)999, new LocalDate(2025, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormula.Needed((FormulaKind)999));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Every_period_type_has_bounds_that_hold_the_date_and_starts_that_are_starts(int financialYearStart)
    {
        var day = new LocalDate(2025, 8, 17);
        foreach (PeriodType type in Enum.GetValues<PeriodType>())
        {
            LocalDate start = Periods.Start(type, day, financialYearStart);
            LocalDate end = Periods.End(type, start);
            Assert.True(start <= day && day < end, $"{type}: {start} .. {end} does not hold {day}");
            Assert.False(string.IsNullOrEmpty(Periods.Label(type, start)));

            // Each start a year has is a period start, and the periods of 2025 tile from the first start to a year on.
            LocalDate[] starts = [.. Periods.StartsIn(type, 2025, financialYearStart)];
            Assert.NotEmpty(starts);
            Assert.All(starts, s => Assert.Equal(s, Periods.Start(type, s, financialYearStart)));
            Assert.Equal(starts[0].PlusYears(1), Periods.End(type, starts[^1]));
        }
    }

    [Fact]
    public void Every_formula_kind_says_which_variables_it_reads()
    {
        foreach (FormulaKind formula in Enum.GetValues<FormulaKind>())
        {
            string[] needed = KpiFormula.Needed(formula);
            Assert.Equal(needed.Length, needed.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Every_dst_policy_resolves_or_rejects_a_folded_and_a_skipped_time()
    {
        DateTimeZone newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        foreach (AmbiguousTimePolicy ambiguous in Enum.GetValues<AmbiguousTimePolicy>())
        {
            foreach (SkippedTimePolicy skipped in Enum.GetValues<SkippedTimePolicy>())
            {
                var resolver = new LocalTimeResolver(new DstPolicy(ambiguous, skipped));
                // 2025-11-02 01:30 happens twice in New York; 2025-03-09 02:30 never happens.
                Resolution fold = resolver.Resolve(new LocalDateTime(2025, 11, 2, 1, 30), newYork);
                Resolution gap = resolver.Resolve(new LocalDateTime(2025, 3, 9, 2, 30), newYork);
                Assert.Equal(ambiguous == AmbiguousTimePolicy.Reject, fold.Rejected);
                Assert.Equal(skipped == SkippedTimePolicy.Reject, gap.Rejected);
            }
        }
    }

    private static void AssertDistinctCodes(IEnumerable<string> codes, int members)
    {
        string[] all = [.. codes];
        Assert.Equal(members, all.Length);
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c)));
        Assert.Equal(members, all.Distinct(StringComparer.Ordinal).Count());
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>Stores a year's KPI values (replacing the year in one transaction) and reads them back for publishing.</summary>
internal sealed class DuckDbKpiValues : IKpiValueStore, IKpiValueReader
{
    private readonly DuckDBConnection _connection;

    public DuckDbKpiValues(DuckDBConnection connection) => _connection = connection;

    public void ReplaceYears(string pipeline, IReadOnlyList<int> years, IEnumerable<KpiValue> values, IEnumerable<KpiExclusionCount> exclusions, IEnumerable<KpiDistributionBin> distribution)
    {
        using DuckDBTransaction transaction = _connection.BeginTransaction();
        foreach (int year in years)
        {
            _connection.Execute("DELETE FROM fact_kpi_value WHERE pipeline = $p AND period_year = $y", ("p", pipeline), ("y", year));
            _connection.Execute("DELETE FROM fact_kpi_exclusion WHERE pipeline = $p AND period_year = $y", ("p", pipeline), ("y", year));
            _connection.Execute("DELETE FROM fact_kpi_distribution WHERE pipeline = $p AND period_year = $y", ("p", pipeline), ("y", year));
        }

        using (DuckDBAppender appender = _connection.CreateAppender("fact_kpi_value"))
        {
            foreach (KpiValue v in values)
            {
                appender.CreateRow()
                    .AppendValue(v.Pipeline).AppendValue(v.KpiCode).AppendValue(v.KpiId).AppendValue(v.Variant)
                    .AppendValue(v.PeriodType).AppendValue(v.PeriodLabel)
                    .AppendValue(v.PeriodStart.ToDateOnly()).AppendValue(v.PeriodEnd.ToDateOnly()).AppendValue((short?)v.PeriodStart.Year)
                    .AppendValue(v.Breakdown).AppendValue(v.BreakdownValue)
                    .AppendValue(v.Value).AppendValue(v.Unit)
                    .AppendValue(v.Median).AppendValue(v.P90).AppendValue(v.Min).AppendValue(v.Max).AppendValue(v.SumMinutes)
                    .AppendValue((long?)v.N).AppendValue(v.Numerator).AppendValue(v.Denominator).AppendValue((long?)v.Excluded)
                    .AppendValue(v.Disclosure).AppendValue(v.Note).AppendValue(v.RunId).AppendValue((DateTime?)v.ComputedAt.ToDateTimeUtc())
                    .EndRow();
            }
        }

        using (DuckDBAppender appender = _connection.CreateAppender("fact_kpi_exclusion"))
        {
            foreach (KpiExclusionCount e in exclusions)
            {
                appender.CreateRow()
                    .AppendValue(e.Pipeline).AppendValue(e.KpiCode).AppendValue(e.PeriodType).AppendValue(e.PeriodLabel)
                    .AppendValue(e.PeriodStart.ToDateOnly()).AppendValue((short?)e.PeriodStart.Year)
                    .AppendValue(e.Reason).AppendValue(e.Explanation).AppendValue((long?)e.Count).AppendValue(e.RunId)
                    .EndRow();
            }
        }

        using (DuckDBAppender appender = _connection.CreateAppender("fact_kpi_distribution"))
        {
            foreach (KpiDistributionBin b in distribution)
            {
                appender.CreateRow()
                    .AppendValue(b.Pipeline).AppendValue(b.KpiCode).AppendValue((short?)b.Year).AppendValue((int?)b.Bin)
                    .AppendValue((double?)b.LowerMinutes).AppendValue(b.UpperMinutes).AppendValue((long?)b.Count).AppendValue(b.RunId)
                    .EndRow();
            }
        }

        transaction.Commit();
    }

    public IEnumerable<KpiDistributionBin> ReadDistribution(string pipeline, int year)
    {
        using DuckDBCommand command = _connection.Command("""
            SELECT pipeline, kpi_code, period_year, bin, lower_min, upper_min, count, run_id
            FROM fact_kpi_distribution WHERE pipeline = $p AND period_year = $y ORDER BY kpi_code, bin
            """, ("p", pipeline), ("y", year));
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new KpiDistributionBin(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
                r.GetInt32(3), r.GetDouble(4), NullableDouble(r, 5), r.GetInt64(6), r.GetString(7));
        }
    }

    public IEnumerable<KpiValue> ReadValues(string pipeline, int year)
    {
        using DuckDBCommand command = _connection.Command("""
            SELECT pipeline, kpi_code, kpi_id, variant, period_type, period_label, period_start, period_end, breakdown, breakdown_value,
                   value, unit, median, p90, min, max, sum_minutes, n, numerator, denominator, excluded, disclosure, note, run_id, computed_at
            FROM fact_kpi_value WHERE pipeline = $p AND period_year = $y
            ORDER BY kpi_code, variant, CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, period_start, breakdown, breakdown_value
            """, ("p", pipeline), ("y", year));
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new KpiValue
            {
                Pipeline = r.GetString(0),
                KpiCode = r.GetString(1),
                KpiId = r.GetString(2),
                Variant = r.GetString(3),
                PeriodType = r.GetString(4),
                PeriodLabel = r.GetString(5),
                PeriodStart = LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(6)),
                PeriodEnd = LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(7)),
                Breakdown = r.GetString(8),
                BreakdownValue = r.GetString(9),
                Value = NullableDouble(r, 10),
                Unit = r.GetString(11),
                Median = NullableDouble(r, 12),
                P90 = NullableDouble(r, 13),
                Min = NullableDouble(r, 14),
                Max = NullableDouble(r, 15),
                SumMinutes = NullableDouble(r, 16),
                N = r.GetInt64(17),
                Numerator = r.IsDBNull(18) ? null : r.GetInt64(18),
                Denominator = r.IsDBNull(19) ? null : r.GetInt64(19),
                Excluded = r.GetInt64(20),
                Disclosure = r.GetString(21),
                Note = r.IsDBNull(22) ? null : r.GetString(22),
                RunId = r.GetString(23),
                ComputedAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(24), DateTimeKind.Utc)),
            };
        }
    }

    public IEnumerable<KpiExclusionCount> ReadExclusions(string pipeline, int year)
    {
        using DuckDBCommand command = _connection.Command("""
            SELECT pipeline, kpi_code, period_type, period_label, period_start, reason, explanation, count, run_id
            FROM fact_kpi_exclusion WHERE pipeline = $p AND period_year = $y
            ORDER BY kpi_code, CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, period_start, reason
            """, ("p", pipeline), ("y", year));
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new KpiExclusionCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(4)), r.GetString(5), r.GetString(6), r.GetInt64(7), r.GetString(8));
        }
    }

    private static double? NullableDouble(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

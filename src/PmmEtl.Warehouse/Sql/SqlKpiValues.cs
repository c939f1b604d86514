using System.Data.Common;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

/// <summary>Stores a year's KPI values (replacing the year in one transaction) and reads them back for publishing.</summary>
internal sealed class SqlKpiValues : IKpiValueStore, IKpiValueReader
{
    private readonly DbConnection _connection;
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly ICheckpoints _checkpoints;

    public SqlKpiValues(DbConnection connection, SqlCommands sql, ISqlDialect dialect, ICheckpoints checkpoints)
    {
        _checkpoints = checkpoints;
        _connection = connection;
        _sql = sql;
        _dialect = dialect;
    }

    public void ReplaceYears(string pipeline, IReadOnlyList<int> years, IEnumerable<KpiValue> values, IEnumerable<KpiExclusionCount> exclusions, IEnumerable<KpiDistributionBin> distribution)
    {
        DbTransaction transaction = _sql.Begin();
        try
        {
            foreach (int year in years)
            {
                foreach (string table in (string[])["fact_kpi_value", "fact_kpi_exclusion", "fact_kpi_distribution"])
                {
                    _sql.Execute($"DELETE FROM {table} WHERE pipeline = @p AND period_year = @y", ("p", pipeline), ("y", (short)year));
                }
            }

            using (IRowAppender rows = _dialect.OpenAppender(_connection, transaction, "fact_kpi_value", FactColumns.KpiValue.Types()))
            {
                foreach (KpiValue v in values)
                {
                    rows.Text(v.Pipeline).Text(v.KpiCode).Text(v.KpiId).Text(v.Variant).Text(v.PeriodType).Text(v.PeriodLabel)
                        .Date(v.PeriodStart.ToDateOnly()).Date(v.PeriodEnd.ToDateOnly()).Short((short)v.PeriodStart.Year)
                        .Text(v.Breakdown).Text(v.BreakdownValue).Double(v.Value).Text(v.Unit)
                        .Double(v.Median).Double(v.P90).Double(v.Min).Double(v.Max).Double(v.SumMinutes)
                        .Long(v.N).Long(v.Numerator).Long(v.Denominator).Long(v.Excluded)
                        .Text(v.Disclosure).Text(v.Note).Text(v.RunId).Timestamp(v.ComputedAt.ToDateTimeUtc())
                        .Text(v.ValueText).Bool(v.Provisional)
                        .EndRow();
                }

                rows.Complete();
            }

            using (IRowAppender rows = _dialect.OpenAppender(_connection, transaction, "fact_kpi_exclusion", FactColumns.KpiExclusion.Types()))
            {
                foreach (KpiExclusionCount e in exclusions)
                {
                    rows.Text(e.Pipeline).Text(e.KpiCode).Text(e.PeriodType).Text(e.PeriodLabel).Date(e.PeriodStart.ToDateOnly())
                        .Short((short)e.PeriodStart.Year).Text(e.Reason).Text(e.Explanation).Long(e.Count).Text(e.RunId)
                        .EndRow();
                }

                rows.Complete();
            }

            using (IRowAppender rows = _dialect.OpenAppender(_connection, transaction, "fact_kpi_distribution", FactColumns.KpiDistribution.Types()))
            {
                foreach (KpiDistributionBin b in distribution)
                {
                    rows.Text(b.Pipeline).Text(b.KpiCode).Short((short)b.Year).Int(b.Bin).Double(b.LowerMinutes).Double(b.UpperMinutes)
                        .Long(b.Count).Text(b.RunId)
                        .EndRow();
                }

                rows.Complete();
            }

            _checkpoints.Reached(Checkpoints.Measure);
            _sql.Commit();
        }
        catch
        {
            _sql.Rollback();
            throw;
        }
    }

    public IEnumerable<KpiValue> ReadValues(string pipeline, int year)
    {
        string sql = $"""
            SELECT {FactColumns.KpiValue.Names()} FROM fact_kpi_value WHERE pipeline = @p AND period_year = @y
            ORDER BY kpi_code, variant, CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, period_start, breakdown, breakdown_value
            """;
        foreach (DbDataReader r in _sql.Rows(sql, ("p", pipeline), ("y", (short)year)))
        {
            yield return new KpiValue
            {
                Pipeline = r.GetString(0),
                KpiCode = r.GetString(1),
                KpiId = r.GetString(2),
                Variant = r.GetString(3),
                PeriodType = r.GetString(4),
                PeriodLabel = r.GetString(5),
                PeriodStart = LocalDate.FromDateOnly(Read.Date(r, 6)),
                PeriodEnd = LocalDate.FromDateOnly(Read.Date(r, 7)),
                Breakdown = r.GetString(9),
                BreakdownValue = r.GetString(10),
                Value = Read.NullableDouble(r, 11),
                Unit = r.GetString(12),
                Median = Read.NullableDouble(r, 13),
                P90 = Read.NullableDouble(r, 14),
                Min = Read.NullableDouble(r, 15),
                Max = Read.NullableDouble(r, 16),
                SumMinutes = Read.NullableDouble(r, 17),
                N = Read.Long(r, 18),
                Numerator = Read.NullableLong(r, 19),
                Denominator = Read.NullableLong(r, 20),
                Excluded = Read.Long(r, 21),
                Disclosure = r.GetString(22),
                Note = Read.NullableText(r, 23),
                RunId = r.GetString(24),
                ComputedAt = Instant.FromDateTimeUtc(Read.Utc(r, 25)),
                ValueText = Read.NullableText(r, 26),
                Provisional = !r.IsDBNull(27) && Convert.ToBoolean(r.GetValue(27), System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }

    public IEnumerable<KpiExclusionCount> ReadExclusions(string pipeline, int year)
    {
        string sql = $"""
            SELECT {FactColumns.KpiExclusion.Names()} FROM fact_kpi_exclusion WHERE pipeline = @p AND period_year = @y
            ORDER BY kpi_code, CASE period_type WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 ELSE 2 END, period_start, reason
            """;
        foreach (DbDataReader r in _sql.Rows(sql, ("p", pipeline), ("y", (short)year)))
        {
            yield return new KpiExclusionCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                LocalDate.FromDateOnly(Read.Date(r, 4)), r.GetString(6), r.GetString(7), Read.Long(r, 8), r.GetString(9));
        }
    }

    public IEnumerable<KpiDistributionBin> ReadDistribution(string pipeline, int year)
    {
        string sql = $"SELECT {FactColumns.KpiDistribution.Names()} FROM fact_kpi_distribution WHERE pipeline = @p AND period_year = @y ORDER BY kpi_code, bin";
        foreach (DbDataReader r in _sql.Rows(sql, ("p", pipeline), ("y", (short)year)))
        {
            yield return new KpiDistributionBin(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture), Read.NullableDouble(r, 4)!.Value, Read.NullableDouble(r, 5), Read.Long(r, 6), r.GetString(7));
        }
    }
}

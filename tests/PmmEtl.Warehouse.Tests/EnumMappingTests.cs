using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Warehouse.SqlServer;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// Every member of each enum the warehouse switches over maps, and the switches throw on anything else: a member added
/// to <see cref="ColumnType"/> or <see cref="PeriodType"/> without its SQL fails here, not as a wrong column in a run.
/// </summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Every_column_type_has_a_duckdb_type_a_width_and_a_clr_type()
    {
        foreach (ColumnType type in Enum.GetValues<ColumnType>())
        {
            Assert.True(DuckDbColumnKinds.Width(type) > 0, $"{type} has no vector width");
            _ = DuckDbColumnKinds.DuckType(type);
            Assert.NotNull(SqlServerRowAppender.ClrType(type));
        }

        Assert.Equal(Enum.GetValues<ColumnType>().Length, Enum.GetValues<ColumnType>().Select(DuckDbColumnKinds.DuckType).Distinct().Count());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SqlServerRowAppender.ClrType((ColumnType)999));
        Assert.Equal((ColumnType)999, e.ActualValue);
    }

    /// <summary>
    /// DuckDB's period start of a date, run in DuckDB, equals the core's own (a second path: <see cref="Periods.Start"/>)
    /// for every calendar period type. A financial year's start depends on the pipeline, so SQL refuses it.
    /// </summary>
    [Fact]
    public void Every_calendar_period_type_starts_in_sql_where_the_core_starts_it()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var day = new LocalDate(2025, 8, 17);
        ISqlDialect[] dialects = [new DuckDbDialect(), new PostgresDialect(), new SqlServerDialect()];
        foreach (PeriodType type in Enum.GetValues<PeriodType>())
        {
            if (type == PeriodType.FinancialYear)
            {
                Assert.All(dialects, d => Assert.Throws<ArgumentOutOfRangeException>(() => d.PeriodStart(type, "d")));
                continue;
            }

            Assert.All(dialects, d => Assert.False(string.IsNullOrWhiteSpace(d.PeriodStart(type, "d"))));
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {new DuckDbDialect().PeriodStart(type, "d")} FROM (SELECT DATE '2025-08-17' AS d)";
            Assert.Equal(Periods.Start(type, day).ToDateOnly(), (DateOnly)command.ExecuteScalar()!);
        }
    }
}

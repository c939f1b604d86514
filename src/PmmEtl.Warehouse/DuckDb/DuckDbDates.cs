using DuckDB.NET.Data;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>Fills the date dimension for a calendar year, once.</summary>
internal static class DuckDbDates
{
    public static void EnsureYear(DuckDBConnection connection, int year) =>
        connection.Execute("""
            INSERT OR IGNORE INTO dim_date
            SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), d::DATE, year(d), quarter(d), month(d), day(d),
                   weekofyear(d), isodow(d), strftime(d, '%Y-%m'), strftime(d, '%Y') || '-Q' || quarter(d)
            FROM generate_series(make_date($year, 1, 1), make_date($year, 12, 31), INTERVAL 1 DAY) AS t(d)
            """, ("year", year));
}

using System.Data.Common;
using System.Globalization;

namespace PmmEtl.Warehouse.Sql;

/// <summary>Fills the date dimension for a calendar year, once, through the bulk path (no engine-specific series functions).</summary>
internal static class SqlDates
{
    private static readonly ColumnType[] Columns =
    [
        ColumnType.Int, ColumnType.Date, ColumnType.Short, ColumnType.Short, ColumnType.Short, ColumnType.Short,
        ColumnType.Short, ColumnType.Short, ColumnType.Text, ColumnType.Text,
    ];

    public static void EnsureYears(DbConnection connection, SqlCommands sql, ISqlDialect dialect, IEnumerable<int> years)
    {
        foreach (int year in years)
        {
            int days = DateTime.IsLeapYear(year) ? 366 : 365;
            if (sql.Long("SELECT count(*) FROM dim_date WHERE year = @y", ("y", (short)year)) == days)
            {
                continue;
            }

            sql.Execute("DELETE FROM dim_date WHERE year = @y", ("y", (short)year));
            using IRowAppender rows = dialect.OpenAppender(connection, sql.Transaction, "dim_date", Columns);
            for (DateOnly d = new(year, 1, 1); d.Year == year; d = d.AddDays(1))
            {
                int quarter = ((d.Month - 1) / 3) + 1;
                rows.Int((d.Year * 10000) + (d.Month * 100) + d.Day).Date(d).Short((short)d.Year).Short((short)quarter)
                    .Short((short)d.Month).Short((short)d.Day).Short((short)ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)))
                    .Short((short)(d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek))
                    .Text(d.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Text($"{d.Year}-Q{quarter}")
                    .EndRow();
            }

            rows.Complete();
        }
    }
}

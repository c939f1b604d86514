using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// One variable compiled to one SQL query for one period: columns <c>b</c> (the breakdown value; NULL on the
/// total row), <c>value</c> and <c>records</c>. With a breakdown, GROUPING SETS give the total and every value in
/// one scan; a NULL breakdown value is reported as <see cref="Unknown"/>. Public so tests can parse the T-SQL.
/// </summary>
public sealed record VariableQuery(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, bool IsCount)
{
    public const string Unknown = "UNKNOWN";

    /// <summary>
    /// Compiles <paramref name="variable"/> for the period [<paramref name="from"/>, <paramref name="to"/>) exactly as
    /// given, grouped by <paramref name="breakdownField"/> when the variable's register has that field. The variable's
    /// <see cref="KpiVariable.YearOffset"/> is not applied here: the caller (the measurer) passes the shifted period.
    /// </summary>
    public static VariableQuery Build(ISqlDialect dialect, KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField)
    {
        var predicates = new RecordPredicates(dialect, $"variable '{variable.Name}'");
        RecordSchema register = predicates.Register(variable.Register);
        if (to <= from)
        {
            throw new ArgumentException($"variable '{variable.Name}': the period [{from}, {to}) is empty", nameof(to));
        }

        const string Alias = "r0";
        string? breakdown = breakdownField is not null && register.HasField(breakdownField)
            ? $"COALESCE({RecordColumns.FieldText(dialect, predicates.Field(register, breakdownField, "the breakdown"), Alias)}, '{Unknown}')"
            : null;

        var where = new List<string>();
        if (predicates.Timing(variable.Timing, register, Alias) is { } timing)
        {
            where.Add(timing);
        }

        if (variable.Filter is { } filter)
        {
            where.Add(predicates.Condition(filter, register, Alias));
        }

        string sql = variable.Aggregate switch
        {
            MeanOfGroupShare share => GroupShare(dialect, predicates, register, share, breakdown, where, Alias),
            MeanOfLinkedShare linked => LinkedShare(dialect, predicates, register, linked, breakdown, where, Alias, variable.Name),
            _ => Plain(dialect, predicates, register, variable.Aggregate, breakdown, where, Alias),
        };

        (string, object?)[] parameters =
        [
            ("from", from.ToDateOnly()), ("to", to.ToDateOnly()), ("last", to.PlusDays(-1).ToDateOnly()),
            .. predicates.Values,
        ];
        return new VariableQuery(sql, parameters, variable.Aggregate is CountRows or CountDistinct);
    }

    /// <summary>
    /// The variable as counts by month, for the kept months (<see cref="KeptMonths"/>), or null when it cannot be kept so:
    /// only a count of records dated in the period by their table's own date (a count adds up across months; a
    /// distinct count, a share or a mean does not, a sum of doubles would differ in its last digits with the order it is
    /// added in, and records open over an interval are not of one month). Columns p (month), b (breakdown value; NULL on
    /// a month's total row) and the count; parameters @from and @to and the conditions' values.
    /// </summary>
    public static MonthlyCount? ByMonth(ISqlDialect dialect, KpiVariable variable, string? breakdownField)
    {
        if (variable.Aggregate is not CountRows || variable.Timing is not InPeriod timing)
        {
            return null;
        }

        var predicates = new RecordPredicates(dialect, $"variable '{variable.Name}'");
        RecordSchema register = predicates.Register(variable.Register);
        if (register.DateField != timing.DateField)
        {
            return null;
        }

        const string Alias = "r0";
        string date = predicates.Column(register, Alias, timing.DateField, "the period date", FieldType.Date);
        var where = new List<string> { predicates.Timing(timing, register, Alias)! };
        if (variable.Filter is { } filter)
        {
            where.Add(predicates.Condition(filter, register, Alias));
        }

        bool byValue = breakdownField is not null && register.HasField(breakdownField);
        string breakdown = byValue
            ? $"COALESCE({RecordColumns.FieldText(dialect, predicates.Field(register, breakdownField!, "the breakdown"), Alias)}, '{Unknown}')"
            : "CAST(NULL AS VARCHAR(10))";
        string inner = $"SELECT {dialect.PeriodStart(PeriodType.Month, date)} AS p, {breakdown} AS b FROM {RecordColumns.Table(register)} {Alias}{Where(where)}";
        string sql = byValue
            ? $"SELECT p, b, count(*) FROM ({inner}) x GROUP BY GROUPING SETS ((p), (p, b))"
            : $"SELECT p, b, count(*) FROM ({inner}) x GROUP BY p, b";
        return new MonthlyCount(sql, RecordColumns.Table(register), RecordColumns.Column(register.Field(register.DateField!)), [.. predicates.Reads], predicates.Values);
    }

    /// <summary>Counts, sums and means: one projected value per record in scope, aggregated over the total and each breakdown value.</summary>
    private static string Plain(ISqlDialect dialect, RecordPredicates predicates, RecordSchema register, RecordAggregate aggregate, string? breakdown, List<string> where, string alias)
    {
        const FieldType Number = FieldType.Number;
        const FieldType Integer = FieldType.Integer;
        (string projected, string value) = aggregate switch
        {
            CountRows => ("1", "count(*)"),
            CountDistinct d => (predicates.Column(register, alias, d.Field, "a distinct count"), "count(DISTINCT v)"),
            // Sums and means in the double type: DuckDB sums BIGINT to HUGEINT and SQL Server averages integers to integers.
            Sum s => (predicates.Column(register, alias, s.Field, "a sum", Number, Integer), $"sum(CAST(v AS {dialect.DoubleType}))"),
            Mean m => (predicates.Column(register, alias, m.Field, "a mean", Number, Integer), $"avg(CAST(v AS {dialect.DoubleType}))"),
            _ => throw new ArgumentException($"aggregate {aggregate.GetType().Name} is not supported", nameof(aggregate)),
        };

        string inner = $"SELECT {(breakdown is null ? "" : $"{breakdown} AS b, ")}{projected} AS v FROM {RecordColumns.Table(register)} {alias}{Where(where)}";
        return breakdown is null
            ? $"SELECT CAST(NULL AS VARCHAR(10)) AS b, {value} AS value, count(*) AS records FROM ({inner}) x"
            : $"SELECT b, {value} AS value, count(*) AS records FROM ({inner}) x GROUP BY GROUPING SETS ((), (b))";
    }

    /// <summary>
    /// The mean over groups of each group's share of records with the flag (NULL counts as not flagged); records
    /// without a group belong to none. With a breakdown, a group's share is taken within each breakdown value.
    /// </summary>
    private static string GroupShare(ISqlDialect dialect, RecordPredicates predicates, RecordSchema register, MeanOfGroupShare share, string? breakdown, List<string> where, string alias)
    {
        string group = predicates.Column(register, alias, share.GroupField, "the group of a mean share");
        string flag = predicates.Column(register, alias, share.FlagField, "the flag of a mean share", FieldType.Bool);
        var conditions = new List<string>(where) { $"{group} IS NOT NULL" };
        string hit = $"CAST(CASE WHEN {dialect.IsTrue(flag)} THEN 1 ELSE 0 END AS {dialect.DoubleType})";
        string inner = $"SELECT {(breakdown is null ? "" : $"{breakdown} AS b, ")}{group} AS g, {hit} AS hit FROM {RecordColumns.Table(register)} {alias}{Where(conditions)}";
        return breakdown is null
            ? $"SELECT CAST(NULL AS VARCHAR(10)) AS b, avg(share) AS value, count(*) AS records FROM (SELECT g, avg(hit) AS share FROM ({inner}) x GROUP BY g) y"
            : $"""
              SELECT b, avg(share) AS value, count(*) AS records
              FROM (SELECT b, g, avg(hit) AS share FROM ({inner}) x GROUP BY GROUPING SETS ((g), (g, b))) y
              GROUP BY b
              """;
    }

    /// <summary>
    /// K41: for each record of the population (the variable's register, timed and filtered as usual; distinct link
    /// values), the share of distinct items of the linked register whose latest record in the period has the flag; a
    /// population record with no linked record adds 0 and still counts. NULL when no linked record of the period belongs
    /// to the population, so a period without any assessment is not published as 0.
    /// </summary>
    private static string LinkedShare(ISqlDialect dialect, RecordPredicates predicates, RecordSchema register, MeanOfLinkedShare share, string? breakdown, List<string> where, string alias, string variable)
    {
        RecordSchema linked = predicates.Register(share.Register);
        RecordField here = predicates.Field(register, share.Link, "the link of a linked share");
        RecordField there = predicates.Field(linked, share.Link, "the link of a linked share");
        if (RecordColumns.Type(here.Type) != RecordColumns.Type(there.Type))
        {
            throw new ArgumentException($"variable '{variable}': link '{share.Link}' is {here.Type} in register '{register.Name}' but {there.Type} in '{linked.Name}'");
        }

        string l = predicates.NextAlias("r");
        string link = predicates.Column(linked, l, share.Link, "the link of a linked share");
        string item = predicates.Column(linked, l, share.ItemField, "the item of a linked share");
        string flag = predicates.Column(linked, l, share.FlagField, "the flag of a linked share", FieldType.Bool);
        string date = predicates.Column(linked, l, share.DateField, "the date of a linked share", FieldType.Date);
        string hit = $"CAST(CASE WHEN {dialect.IsTrue(flag)} THEN 1 ELSE 0 END AS {dialect.DoubleType})";
        var linkedWhere = new List<string> { predicates.Timing(RecordTiming.On(share.DateField), linked, l)!, $"{link} IS NOT NULL", $"{item} IS NOT NULL" };
        // An item assessed twice in the period counts once, as its latest record says (a tie on the date: the flag wins).
        string latest = $"SELECT {link} AS g, {hit} AS hit, ROW_NUMBER() OVER (PARTITION BY {link}, {item} ORDER BY {date} DESC, {hit} DESC) AS rn "
                        + $"FROM {RecordColumns.Table(linked)} {l}{Where(linkedWhere)}";
        string shares = $"SELECT g, avg(hit) AS share FROM ({latest}) lt WHERE rn = 1 GROUP BY g";
        string population = $"SELECT DISTINCT {(breakdown is null ? "" : $"{breakdown} AS b, ")}{predicates.Column(register, alias, share.Link, "the link of a linked share")} AS g "
                            + $"FROM {RecordColumns.Table(register)} {alias}{Where(where)}";
        const string Value = "CASE WHEN count(s.g) = 0 THEN NULL ELSE avg(COALESCE(s.share, 0)) END AS value, count(*) AS records";
        return breakdown is null
            ? $"SELECT CAST(NULL AS VARCHAR(10)) AS b, {Value} FROM ({population}) p LEFT JOIN ({shares}) s ON s.g = p.g"
            : $"SELECT p.b AS b, {Value} FROM ({population}) p LEFT JOIN ({shares}) s ON s.g = p.g GROUP BY GROUPING SETS ((), (p.b))";
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
}

/// <summary>
/// A count variable by month (<see cref="VariableQuery.ByMonth"/>): its statement, the table and date column whose
/// month fingerprints decide what is kept, the other tables its conditions read, and its parameters besides the dates.
/// </summary>
public sealed record MonthlyCount(string Sql, string Table, string DateColumn, IReadOnlyList<string> Reads, IReadOnlyList<(string Name, object? Value)> Parameters);

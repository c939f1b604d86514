using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// Compiles record timings and conditions, the one condition language of every KPI, to SQL predicates over a record
/// type's table. Column names come only from the type's schema (a closed set, checked: an unknown field is an error
/// naming what used it), values only as parameters (<c>@v0</c>, <c>@v1</c> …), and the period bounds are the parameters
/// <c>@from</c>, <c>@to</c> and <c>@last</c> (the period's last day, computed by the caller so that no engine needs
/// date arithmetic).
/// </summary>
/// <remarks>
/// Leaves are two-valued: a record whose field is NULL is simply not in <c>Is</c>, <c>True</c> or <c>False</c>,
/// and so it is in their <c>Not</c>. That keeps "A" and "Not A" a partition of the records, which ShareOfTotal
/// and similar formulas rely on; SQL's three-valued NOT would drop such records from both.
/// </remarks>
internal sealed class RecordPredicates(ISqlDialect dialect, string user)
{
    private readonly List<(string Name, object? Value)> _parameters = [];
    private readonly SortedSet<string> _reads = new(StringComparer.Ordinal);
    private int _aliases;

    public IReadOnlyList<(string Name, object? Value)> Values => _parameters;

    /// <summary>
    /// Every table the compiled conditions read besides the records they are tested on (a related register, the office
    /// reference, the seizure category rules), the records' own table included when a condition reads other rows of it.
    /// The measure's kept months depend on these whole (<see cref="KeptMonths"/>).
    /// </summary>
    public IReadOnlyCollection<string> Reads => _reads;

    /// <summary>A fresh table alias for a subquery (<c>r1</c>, <c>r2</c> …; the outer register is <c>r0</c>).</summary>
    public string NextAlias(string stem) => stem + (++_aliases).ToString(CultureInfo.InvariantCulture);

    /// <summary>A record type a condition may read (any of <see cref="RecordTypes.All"/>), by name.</summary>
    public RecordSchema Register(string name)
    {
        if (name == KpiVariable.EnteredRegister)
        {
            throw Error($"register '{name}' has no records: an entered variable's values come from the aggregate inputs only");
        }

        return RecordTypes.Find(name) ?? throw Error($"there is no record type '{name}' (types: {string.Join(", ", RecordTypes.All.Select(r => r.Name))})");
    }

    /// <summary>A column of the register, checked against its schema and, when given, the field types allowed.</summary>
    public string Column(RecordSchema register, string alias, string field, string use, params FieldType[] allowed) =>
        $"{alias}.{RecordColumns.Column(Field(register, field, use, allowed))}";

    public RecordField Field(RecordSchema register, string field, string use, params FieldType[] allowed)
    {
        RecordField f = register.Fields.FirstOrDefault(x => x.Name == field)
            ?? throw Error($"record type '{register.Name}' has no field '{field}' (used as {use}; its fields: {string.Join(", ", register.Fields.Select(x => x.Name))})");
        if (allowed.Length > 0 && !allowed.Contains(f.Type))
        {
            throw Error($"field '{field}' of register '{register.Name}' is {f.Type}; as {use} it must be {string.Join(" or ", allowed)}");
        }

        return f;
    }

    /// <summary>The timing's predicate for the period [@from, @to); null when every record counts.</summary>
    public string? Timing(RecordTiming timing, RecordSchema register, string alias) => timing switch
    {
        Unfiltered => null,
        InPeriod p => Between(Column(register, alias, p.DateField, "the period date", FieldType.Date)),
        ActiveAtPeriodEnd a => Interval(register, alias, a.FromField, a.ToField, "@last", "@last", "<="),
        ActiveDuringPeriod d => Interval(register, alias, d.FromField, d.ToField, "@to", "@from", "<"),
        _ => throw Error($"timing {timing.GetType().Name} is not supported"),
    };

    public string Condition(RecordCondition condition, RecordSchema register, string alias) => condition switch
    {
        FieldIn f => In(f, register, alias),
        FieldIsTrue t => Flag(t, register, alias),
        FieldPresent p => $"{Column(register, alias, p.Field, "a present field")} IS NOT NULL",
        AllOf a => a.Parts.Count == 0 ? "1 = 1" : "(" + string.Join(" AND ", a.Parts.Select(c => Condition(c, register, alias))) + ")",
        AnyOf a => a.Parts.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", a.Parts.Select(c => Condition(c, register, alias))) + ")",
        NotCondition n => $"NOT ({Condition(n.Inner, register, alias)})",
        SeizureHasCategory s => HasCategory(s, register, alias),
        OfficeHasRole o => OfficeRole(o, register, alias),
        RelatedExists r => Related(r, register, alias),
        _ => throw Error($"condition {condition.GetType().Name} is not supported"),
    };

    private static string Between(string column) => $"{column} >= @from AND {column} < @to";

    /// <summary>
    /// from OP fromBound AND (to IS NULL OR (to ≥ toBound AND to ≥ from)); <c>to</c> is the interval's last valid day.
    /// An interval that ends before it starts (a ruling revoked on the day it was to take effect) holds no day, so it
    /// overlaps no period: without <c>to ≥ from</c> it would pass "valid at some time in the year".
    /// </summary>
    private string Interval(RecordSchema register, string alias, string fromField, string toField, string fromBound, string toBound, string op)
    {
        string from = Column(register, alias, fromField, "the interval start", FieldType.Date);
        string to = Column(register, alias, toField, "the interval end", FieldType.Date);
        return $"{from} {op} {fromBound} AND ({to} IS NULL OR ({to} >= {toBound} AND {to} >= {from}))";
    }

    private string In(FieldIn f, RecordSchema register, string alias)
    {
        RecordField field = Field(register, f.Field, "an Is condition", FieldType.Text, FieldType.Code, FieldType.Integer);
        string column = $"{alias}.{RecordColumns.Column(field)}";
        if (f.Values.Count == 0)
        {
            return "1 = 0";
        }

        var names = new List<string>();
        foreach (string value in f.Values)
        {
            if (field.Codes is { } codes && !codes.Contains(value))
            {
                throw Error($"'{value}' is not a code of field '{field.Name}' of register '{register.Name}' (codes: {string.Join(", ", codes)})");
            }

            object typed = field.Type == FieldType.Integer
                ? long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : throw Error($"'{value}' is not a whole number for field '{field.Name}'")
                : value;
            names.Add(Parameter(typed));
        }

        return $"({column} IS NOT NULL AND {column} IN ({string.Join(", ", names)}))";
    }

    private string Flag(FieldIsTrue t, RecordSchema register, string alias)
    {
        string column = Column(register, alias, t.Field, "a yes/no condition", FieldType.Bool);
        return t.Value ? $"({column} IS NOT NULL AND {dialect.IsTrue(column)})" : $"({column} IS NOT NULL AND NOT ({dialect.IsTrue(column)}))";
    }

    /// <summary>
    /// A seizure with at least one item that a counting rule puts in the category: the rule's commodity matches the
    /// item's, and a rule that requires the mandate counts only items under mandated control.
    /// </summary>
    private string HasCategory(SeizureHasCategory s, RecordSchema register, string alias)
    {
        if (register.Name != RecordTypes.Seizure.Name)
        {
            throw Error($"HasItemIn applies to register '{RecordTypes.Seizure.Name}' only, not '{register.Name}'");
        }

        if (!SeizureCategories.All.Contains(s.Category))
        {
            throw Error($"'{s.Category}' is not a PMM seizure category ({string.Join(", ", SeizureCategories.All)})");
        }

        string item = NextAlias("si");
        string rule = NextAlias("cr");
        string category = Parameter(s.Category);
        return $"""
            EXISTS (SELECT 1 FROM {Read(RecordColumns.Table(RecordTypes.SeizureItem))} {item}
                    JOIN {Read(RegisterDdl.CategoryRuleTable)} {rule} ON {rule}.commodity = {item}.commodity
                    WHERE {item}.seizure_id = {alias}.seizure_id AND {rule}.category = {category} AND {dialect.IsTrue($"{rule}.counts")}
                      AND (NOT ({dialect.IsTrue($"{rule}.requires_mandate")}) OR ({item}.mandated_control IS NOT NULL AND {dialect.IsTrue($"{item}.mandated_control")})))
            """;
    }

    /// <summary>At least one record of the other register with the same link value that matches its filter (and, if asked, is timed in the same period).</summary>
    private string Related(RelatedExists r, RecordSchema register, string alias)
    {
        RecordSchema other = Register(r.Register);
        RecordField here = Field(register, r.Link, "the link of a Related condition");
        RecordField there = Field(other, r.Link, "the link of a Related condition");
        if (RecordColumns.Type(here.Type) != RecordColumns.Type(there.Type))
        {
            throw Error($"link '{r.Link}' is {here.Type} in register '{register.Name}' but {there.Type} in '{other.Name}'");
        }

        string inner = NextAlias("r");
        var where = new List<string> { $"{inner}.{RecordColumns.Column(there)} = {alias}.{RecordColumns.Column(here)}" };
        if (r.SamePeriod is { } timing && Timing(timing, other, inner) is { } timed)
        {
            where.Add(timed);
        }

        if (r.Filter is { } filter)
        {
            where.Add(Condition(filter, other, inner));
        }

        return $"EXISTS (SELECT 1 FROM {Read(RecordColumns.Table(other))} {inner} WHERE {string.Join(" AND ", where)})";
    }

    /// <summary>The record's office plays the role in the pipeline's office reference (synced to dim_office at every run).</summary>
    private string OfficeRole(OfficeHasRole o, RecordSchema register, string alias)
    {
        if (register.OfficeField is not { } office)
        {
            throw Error($"record type '{register.Name}' has no office field, so no office role");
        }

        string flag = o.Role switch
        {
            Core.Catalogue.OfficeRole.MainEntry => "is_main_entry",
            Core.Catalogue.OfficeRole.MainExit => "is_main_exit",
            var r => throw Error($"office role {r} is not supported"),
        };
        return $"{Column(register, alias, office, "the office")} IN (SELECT office_code FROM {Read("dim_office")} WHERE {dialect.IsTrue(flag)})";
    }

    /// <summary>A table a condition reads, named here only, so <see cref="Reads"/> cannot miss one.</summary>
    private string Read(string table)
    {
        _reads.Add(table);
        return table;
    }

    private string Parameter(object value)
    {
        string name = "v" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return "@" + name;
    }

    private ArgumentException Error(string message) => new($"{user}: {message}");
}

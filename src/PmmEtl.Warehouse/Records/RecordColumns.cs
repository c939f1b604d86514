using System.Text.RegularExpressions;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>
/// The columns of a record type's table (and of its staging twin <c>stg_&lt;name&gt;</c>), in table order, from its
/// schema's layout: one per field, and the lineage columns. The DDL, the bulk append and the merge all read this one
/// list, so the three cannot disagree. Every name that reaches SQL text is checked here to be a plain lower-case
/// identifier of a known record type: a schema can never put arbitrary text into SQL.
/// </summary>
public static partial class RecordColumns
{
    /// <summary>The type's table columns in table order, with their column types.</summary>
    public static IReadOnlyList<(string Name, ColumnType Type)> Of(RecordSchema type) =>
        type.Layout.Select(c => (Identifier(c.Name), c.Kind switch
        {
            BookkeepingColumn.Field => Type(type.Fields[c.Field].Type),
            BookkeepingColumn.DateKey => ColumnType.Int,
            BookkeepingColumn.SourceRow => ColumnType.Long,
            BookkeepingColumn.SourceName or BookkeepingColumn.RunId => ColumnType.Text,
            var k => throw new ArgumentOutOfRangeException(nameof(type), k, "unknown column kind"),
        })).ToArray();

    public static string StagingTable(RecordSchema type) => "stg_" + Identifier(Known(type).Name);

    /// <summary>The warehouse table of a record type known to <see cref="RecordTypes.All"/>; anything else is refused.</summary>
    public static string Table(RecordSchema type) => Identifier(Known(type).Table);

    /// <summary>A field's column as it goes into SQL (its <see cref="RecordField.Column"/>, quoted where an engine reserves it).</summary>
    public static string Column(RecordField field) => Name(field.Column);

    private static RecordSchema Known(RecordSchema type)
    {
        RecordSchema known = RecordTypes.Find(type.Name)
            ?? throw new ArgumentException($"'{type.Name}' is not a known record type", nameof(type));
        return known.Table == type.Table
            ? known
            : throw new ArgumentException($"record type '{type.Name}' is stored in table '{known.Table}', not '{type.Table}'", nameof(type));
    }

    public static ColumnType Type(FieldType type) => type switch
    {
        FieldType.Text or FieldType.Code => ColumnType.Text,
        FieldType.Bool => ColumnType.Bool,
        FieldType.Date => ColumnType.Date,
        FieldType.LocalTime => ColumnType.Timestamp,
        FieldType.Number => ColumnType.Double,
        FieldType.Integer => ColumnType.Long,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown field type"),
    };

    /// <summary>
    /// The text a record's key is stored under in the quarantine's <c>source_key</c>: the value of a one-field text
    /// key, or the key fields joined by <c>|</c> (dates as yyyy-MM-dd). A normaliser that names the key of a
    /// refused record should use the same text, so that a re-run replaces what it quarantined before.
    /// </summary>
    public static string KeyText(ISqlDialect dialect, RecordSchema type, string alias)
    {
        string[] parts = type.Key.Select(k => FieldText(dialect, type.Field(k), alias)).ToArray();
        return parts.Length == 1 ? parts[0] : "CONCAT(" + string.Join(", '|', ", parts) + ")";
    }

    /// <summary>A field's value as text (for keys and breakdown values); an empty alias leaves the column unqualified.</summary>
    public static string FieldText(ISqlDialect dialect, RecordField field, string alias)
    {
        string column = alias.Length == 0 ? Column(field) : $"{alias}.{Column(field)}";
        return field.Type switch
        {
            FieldType.Text or FieldType.Code => column,
            FieldType.Date => dialect.DateText(column),
            FieldType.Integer => $"CAST({column} AS VARCHAR(20))",
            FieldType.Bool => $"CASE WHEN {column} IS NULL THEN NULL WHEN {dialect.IsTrue(column)} THEN 'YES' ELSE 'NO' END",
            _ => throw new NotSupportedException($"field '{field.Name}' ({field.Type}) cannot be a key or a breakdown"),
        };
    }

    /// <summary>
    /// A column name as it goes into SQL: checked to be a plain identifier, and double-quoted when any of the three
    /// engines reserves it (<c>external</c> is reserved in T-SQL). Double quotes work on all three: SqlClient sessions
    /// run with QUOTED_IDENTIFIER ON, and a quoted lower-case name is the unquoted one on PostgreSQL and DuckDB.
    /// </summary>
    public static string Name(string name) => Reserved.Contains(Identifier(name)) ? $"\"{name}\"" : name;

    /// <summary>Checks that a name is a plain lower-case SQL identifier and returns it.</summary>
    public static string Identifier(string name) =>
        PlainIdentifier().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a plain lower-case identifier", nameof(name));

    /// <summary>Reserved words of T-SQL, PostgreSQL and DuckDB (quoting one that is not reserved is harmless).</summary>
    private static readonly HashSet<string> Reserved = new(
        """
        add all alter analyse analyze and any array as asc asymmetric authorization backup begin between binary both break browse
        bulk by cascade case cast check checkpoint close clustered coalesce collate collation column commit compute concurrently
        constraint contains containstable continue convert create cross current current_catalog current_date current_role
        current_schema current_time current_timestamp current_user cursor database dbcc deallocate declare default deferrable
        deny desc describe disk distinct distributed do double drop dump else end errlvl escape except exec execute exists exit
        external false fetch file fillfactor for foreign freetext freetexttable freeze from full function goto grant group having
        holdlock identity identity_insert identitycol if ilike in index initially inner insert intersect into is isnull join key
        kill lambda lateral leading left like limit lineno load localtime localtimestamp merge national natural nocheck
        nonclustered not notnull null nullif of off offset offsets on only open opendatasource openquery openrowset openxml option
        or order outer over overlaps percent pivot pivot_longer pivot_wider placing plan precision primary print proc procedure
        public qualify raiserror read readtext reconfigure references replication restore restrict return returning revert revoke
        right rollback rowcount rowguidcol rule save schema securityaudit select semantickeyphrasetable
        semanticsimilaritydetailstable semanticsimilaritytable session_user set setuser show shutdown similar some statistics
        summarize symmetric system_user table tablesample textsize then to top trailing tran transaction trigger true truncate
        try_convert tsequal union unique unpivot update updatetext use user using values variadic varying verbose view waitfor when
        where while window with within writetext
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}

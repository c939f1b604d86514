using System.Text;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>
/// The register tables of one engine, generated from the register schemas: for every loaded register a table
/// with one column per field, its staging twin, and indexes where the engine wants them; then the seizure
/// category rules. The output is checked in as <c>sql/&lt;engine&gt;/010_registers.sql</c> so the ordinary migrator
/// applies it, and a test fails while the checked-in text differs from what this class generates.
/// Regenerate with <see cref="WriteScripts"/>.
/// </summary>
public abstract class RegisterDdl
{
    public const string ScriptName = "010_registers.sql";

    /// <summary>The table the seizure KPIs read the category rules from.</summary>
    public const string CategoryRuleTable = "dim_seizure_category_rule";

    protected const string Indent = "    ";

    /// <summary>The category rule table's columns, in table order (see <see cref="SeizureCategoryRule"/>).</summary>
    public static IReadOnlyList<ColumnSpec> CategoryRuleColumns { get; } =
    [
        new("commodity", ColumnType.Text, true, "national commodity code of seizure items"),
        new("category", ColumnType.Text, true, "PMM seizure category"),
        new("counts", ColumnType.Bool, true, "false: the commodity is explicitly kept out of the category"),
        new("requires_mandate", ColumnType.Bool, true, "counts only where the item's mandated_control is true"),
        new("subcategory", ColumnType.Text, false, null),
        new("note", ColumnType.Text, true, null) { LongText = true },
        new("source", ColumnType.Text, true, "file and line of the rule") { LongText = true },
    ];

    public static IReadOnlyList<RegisterDdl> All { get; } = [new DuckDbRegisterDdl(), new PostgresRegisterDdl(), new SqlServerRegisterDdl()];

    public abstract string Engine { get; }

    public static RegisterDdl For(string engine) =>
        All.FirstOrDefault(d => d.Engine == engine) ?? throw new ArgumentException($"no register DDL for engine '{engine}'", nameof(engine));

    /// <summary>
    /// The columns of a register's table with their nullability and the field's description, as script 010 created them
    /// (required fields NOT NULL); script 012 (<see cref="OptionalFieldsDdl"/>) then lets every column but the key,
    /// office and date hold null, since a source may not have a field at all.
    /// </summary>
    public static IReadOnlyList<ColumnSpec> Columns(RecordSchema register) =>
    [
        .. register.Fields.Select(f => new ColumnSpec(RecordColumns.Identifier(f.Name), RecordColumns.Type(f.Type), f.Required, Comment(f))),
        new("source_name", ColumnType.Text, true, null) { LongText = true },
        new("source_row", ColumnType.Long, true, null),
        new("run_id", ColumnType.Text, true, null),
    ];

    /// <summary>The whole script: header, then <see cref="Statements"/> separated by blank lines; "\n" line ends.</summary>
    public string Script()
    {
        var text = new StringBuilder();
        foreach (string line in Header())
        {
            text.Append("-- ").Append(line).Append('\n');
        }

        foreach (string statement in Statements())
        {
            text.Append('\n').Append(statement).Append('\n');
        }

        return text.ToString().Replace("-- \n", "--\n", StringComparison.Ordinal);
    }

    /// <summary>Every statement of the script, each with its leading comment, in order.</summary>
    public IReadOnlyList<string> Statements()
    {
        var statements = new List<string>();
        foreach (RecordSchema register in RecordTypes.Registers)
        {
            string table = RecordColumns.Table(register);
            string title = $"-- {table}: {OneLine(register.Description)}\n-- register '{register.Name}', key ({string.Join(", ", register.Key)})"
                + (register.DateField is { } d ? $", dated by {d}" : ", undated (replaced whole on every load)") + ".\n";
            statements.Add(title + CreateTable(table, Columns(register)));
            statements.Add(CreateStaging(RecordColumns.StagingTable(register), table));
            statements.AddRange(Indexes(table, register.Key.Select(RecordColumns.Name).ToArray(), register.DateField));
        }

        statements.Add("-- The category rules the seizure KPIs read (replaced whole by SyncSeizureCategories).\n"
            + CreateTable(CategoryRuleTable, CategoryRuleColumns));
        statements.AddRange(Indexes(CategoryRuleTable, ["commodity", "category"], null, unique: false));
        return statements;
    }

    /// <summary>Writes every engine's script under <paramref name="sqlFolder"/> (the repository's <c>sql</c> folder).</summary>
    public static void WriteScripts(string sqlFolder)
    {
        foreach (RegisterDdl ddl in All)
        {
            File.WriteAllText(Path.Combine(sqlFolder, ddl.Engine, ScriptName), ddl.Script(), new UTF8Encoding(false));
        }
    }

    protected abstract IEnumerable<string> EngineHeader();

    protected abstract string CreateTable(string table, IReadOnlyList<ColumnSpec> columns);

    protected abstract string CreateStaging(string staging, string table);

    /// <summary>The key index (unique unless told otherwise) and the date index; none on engines that scan columns.</summary>
    protected abstract IEnumerable<string> Indexes(string table, IReadOnlyList<string> key, string? dateField, bool unique = true);

    /// <summary>Column lines "name TYPE [NOT] NULL," aligned (reserved names quoted), each followed by its comment.</summary>
    protected static string ColumnLines(IReadOnlyList<ColumnSpec> columns, Func<ColumnSpec, string> typeAndNullability, string indent)
    {
        int width = columns.Max(c => RecordColumns.Name(c.Name).Length);
        var lines = new StringBuilder();
        for (int i = 0; i < columns.Count; i++)
        {
            ColumnSpec c = columns[i];
            string line = $"{indent}{RecordColumns.Name(c.Name).PadRight(width)} {typeAndNullability(c)}{(i < columns.Count - 1 ? "," : "")}";
            lines.Append(c.Comment is null ? line : $"{line.PadRight(indent.Length + width + 32)} -- {c.Comment}").Append('\n');
        }

        return lines.ToString();
    }

    private IEnumerable<string> Header() =>
    [
        $"GENERATED by PmmEtl.Warehouse.Records.RegisterDdl ({Engine}) from the register schemas of",
        "PmmEtl.Core.Records.RecordTypes.Registers: do not edit by hand. After changing a schema, regenerate the three",
        "engines' scripts from the repository root with",
        "  PMMETL_REGENERATE_SQL=1 dotnet test tests/PmmEtl.Warehouse.Tests -- --filter-class 'PmmEtl.Warehouse.Tests.Registers.RegisterDdlTests'",
        "(it calls RegisterDdl.WriteScripts(\"sql\")); without the variable that test fails while this file differs from what",
        "the schemas generate. The migrator applies a script once: a warehouse that has applied this one needs a new",
        "numbered script (ALTER TABLE …) for a later schema change as well.",
        "",
        "One table per register: a column per field in field order (required fields NOT NULL, relaxed by 012), then source_name,",
        "source_row and run_id; a staging twin stg_<register> of the same shape that the bulk path fills and the load",
        "merges in one transaction; and the seizure category rules. Re-runnable: every statement is idempotent.",
        .. EngineHeader(),
    ];

    private static string? Comment(RecordField field)
    {
        string text = OneLine(field.Description);
        string derived = field.Derived ? "derived" : "";
        string all = string.Join(": ", new[] { derived, text }.Where(t => t.Length > 0));
        return all.Length == 0 ? null : all;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

/// <summary>One column of a generated table; <see cref="LongText"/> asks SQL Server for a wider text type (paths, notes).</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Required, string? Comment)
{
    public bool LongText { get; init; }
}

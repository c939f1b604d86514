using PmmEtl.Core.Time;
using PmmEtl.DemoSource.Generation;
using SQLitePCL;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The SQLite file being written: one transaction, prepared inserts reused for every row, and no journal
/// or fsync, because a failed run leaves only a temporary file that is thrown away anyway. The file is opened
/// through the native API with SQLITE_OPEN_NOMUTEX: one thread writes it, and SQLite's per-call locking of a
/// shared connection was a sixth of the run.
/// </summary>
internal sealed class DemoDatabase : IDisposable
{
    private static readonly object One = 1;
    private static readonly object Zero = 0;

    // One-letter codes as cached strings, to avoid a string allocation per row.
    private static readonly string[] CharCodes = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private readonly sqlite3 _connection;
    private readonly PreparedInsert _office;
    private readonly PreparedInsert _trader;
    private readonly PreparedInsert _declaration;
    private readonly PreparedInsert _event;
    private readonly Dictionary<string, RegisterTable> _registers = new(StringComparer.Ordinal);

    private DemoDatabase(sqlite3 connection)
    {
        _connection = connection;
        Execute("PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        Execute(DemoSchema.Tables + DemoSchema.RegisterTables);
        foreach ((string register, string table, string key) in DemoSchema.RegisterTableNames)
        {
            _registers[register] = new RegisterTable(connection, register, table, key);
        }

        Execute("BEGIN");
        _office = Prepare("office", "office_code", "name", "office_type");
        _trader = Prepare("trader", "trader_id", "name", "aeo_status", "aeo_valid_from");
        _declaration = Prepare(
            "declaration", "row_id", "declaration_id", "declaration_type", "cargo_direction", "office_code", "registration_date",
            "transport_mode", "control_channel", "trader_id", "pre_arrival", "ecommerce", "risk_level", "submission_channel", "immediate_release");
        _event = Prepare("declaration_event", "declaration_row_id", "event_code", "event_local_time", "actor");
    }

    /// <summary>Creates the file with the schema; it must not exist yet.</summary>
    public static DemoDatabase Create(string file)
    {
        // Not a pooled SqliteConnection: the file is closed on Dispose, so the final rename works on Windows too.
        Batteries_V2.Init();
        int opened = raw.sqlite3_open_v2(file, out sqlite3 connection, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            if (opened != raw.SQLITE_OK)
            {
                throw new IOException($"Cannot create the demo source '{file}': {raw.sqlite3_errmsg(connection).utf8_to_string()}");
            }

            return new DemoDatabase(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void InsertOffice(DemoOffice office) => _office.Run(office.Code, office.Name, office.OfficeType);

    public void InsertTrader(Trader trader) =>
        _trader.Run(trader.Id, trader.Name, trader.AeoStatus, trader.AeoValidFrom is { } from ? IsoLocalText.Format(from) : null);

    public void InsertDeclaration(long rowId, DeclarationPlan plan)
    {
        DeclarationAttributes a = plan.Attributes;
        _declaration.Run(
            rowId, plan.DeclarationId, a.Type, a.CargoDirection, plan.OfficeCode, IsoLocalText.Format(plan.RegistrationDate),
            a.Mode, Code(a.Channel), a.Trader.Id, Flag(a.PreArrival), Flag(a.Ecommerce), Code(a.Risk), a.Submission, Flag(a.ImmediateRelease));
    }

    public void InsertEvent(long rowId, string code, string? localTime, string actor) => _event.Run(rowId, code, localTime, actor);

    /// <summary>The national table of a canonical register (by the register's name).</summary>
    public RegisterTable Register(string register) => _registers[register];

    public IReadOnlyCollection<RegisterTable> Registers => _registers.Values;

    /// <summary>Builds the indexes and commits; without this call nothing is kept.</summary>
    public void Complete()
    {
        Execute(DemoSchema.Indexes + DemoSchema.RegisterIndexes);
        Execute("COMMIT");
    }

    public void Dispose()
    {
        _office.Dispose();
        _trader.Dispose();
        _declaration.Dispose();
        _event.Dispose();
        foreach (RegisterTable table in _registers.Values)
        {
            table.Dispose();
        }

        // Closing without COMMIT discards the transaction: nothing of a failed run is kept.
        _connection.Dispose();
    }

    private static object Flag(bool value) => value ? One : Zero;

    private static string Code(char c) => CharCodes[c];

    private void Execute(string sql)
    {
        if (raw.sqlite3_exec(_connection, sql, out string? error) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite: {error}");
        }
    }

    private PreparedInsert Prepare(string table, params string[] columns) => new(_connection, table, columns);
}

using Microsoft.Data.Sqlite;
using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The SQLite file being written: one transaction, prepared inserts reused for every row, and no journal
/// or fsync, because a failed run leaves only a temporary file that is thrown away anyway.
/// </summary>
internal sealed class DemoDatabase : IDisposable
{
    private static readonly object One = 1;
    private static readonly object Zero = 0;

    // One-letter codes as cached strings, to avoid a string allocation per row.
    private static readonly string[] CharCodes = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly PreparedInsert _office;
    private readonly PreparedInsert _trader;
    private readonly PreparedInsert _declaration;
    private readonly PreparedInsert _event;

    private DemoDatabase(SqliteConnection connection)
    {
        _connection = connection;
        Execute(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        Execute(connection, null, DemoSchema.Tables);
        _transaction = connection.BeginTransaction();
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
        // No pooling: a pooled connection would keep the file open after Dispose and block the final rename on Windows.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
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
        _trader.Run(trader.Id, trader.Name, trader.AeoStatus, trader.AeoValidFrom is { } from ? LocalTimeText.Format(from) : null);

    public void InsertDeclaration(long rowId, DeclarationPlan plan)
    {
        DeclarationAttributes a = plan.Attributes;
        _declaration.Run(
            rowId, plan.DeclarationId, a.Type, a.CargoDirection, plan.OfficeCode, LocalTimeText.Format(plan.RegistrationDate),
            a.Mode, Code(a.Channel), a.Trader.Id, Flag(a.PreArrival), Flag(a.Ecommerce), Code(a.Risk), a.Submission, Flag(a.ImmediateRelease));
    }

    public void InsertEvent(long rowId, string code, string? localTime, string actor) => _event.Run(rowId, code, localTime, actor);

    /// <summary>Builds the indexes and commits; without this call nothing is kept.</summary>
    public void Complete()
    {
        Execute(_connection, _transaction, DemoSchema.Indexes);
        _transaction.Commit();
    }

    public void Dispose()
    {
        _office.Dispose();
        _trader.Dispose();
        _declaration.Dispose();
        _event.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private static object Flag(bool value) => value ? One : Zero;

    private static string Code(char c) => CharCodes[c];

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private PreparedInsert Prepare(string table, params string[] columns) => new(_connection, table, columns);
}

using System.Data.Common;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// DuckDB refused a bulk append (a constraint, a closed connection, a missing table). A <see cref="DbException"/>
/// like every other database failure, since DuckDB.NET keeps its own exception's constructors internal.
/// </summary>
public sealed class DuckDbAppendException(string message) : DbException(message);

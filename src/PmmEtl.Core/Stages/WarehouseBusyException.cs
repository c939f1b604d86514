namespace PmmEtl.Core.Stages;

/// <summary>The warehouse is held by another process (an embedded DuckDB file admits one writer process at a time).</summary>
public sealed class WarehouseBusyException(string message, Exception inner) : Exception(message, inner);

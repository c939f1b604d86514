namespace PmmEtl.LocalPostgres;

/// <summary>Why no throw-away server could be started.</summary>
public enum PostgresUnavailableCause
{
    /// <summary>Starting from installed binaries is done on Linux only.</summary>
    NotLinux,

    /// <summary>No initdb/pg_ctl under /usr/lib/postgresql/*/bin.</summary>
    NoBinaries,

    /// <summary>The binaries are there but initdb or pg_ctl failed.</summary>
    StartFailed,
}

/// <summary>
/// Why no server could be started, and a message saying so. Callers word the first two causes themselves, since
/// only they know the way around (an environment variable, a command-line option); the start failure's message
/// carries the programs' own error and no connection string.
/// </summary>
public sealed record PostgresUnavailable(PostgresUnavailableCause Cause, string Message);

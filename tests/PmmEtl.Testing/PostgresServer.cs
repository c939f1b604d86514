using PmmEtl.LocalPostgres;
using Xunit;

namespace PmmEtl.Testing;

/// <summary>
/// A real PostgreSQL server for the test run: the one named by PMMETL_TEST_POSTGRES (a connection string), or a
/// throw-away one started from the installed binaries (see <see cref="LocalPostgresServer"/>), without fsync since
/// its data is thrown away. Tests that need it skip, saying why, when neither is possible. A test project shares one
/// per run as an assembly fixture, or one per class as a class fixture.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string EnvironmentVariable = "PMMETL_TEST_POSTGRES";
    private readonly LocalPostgresServer? _server;
    private int _databases;

    public PostgresServer()
    {
        _server = LocalPostgresServer.FromEnvironment(EnvironmentVariable);
        if (_server is not null || LocalPostgresServer.TryStart("pmmetl-pg", durable: false, out _server, out PostgresUnavailable? unavailable))
        {
            return;
        }

        SkipReason = unavailable.Cause switch
        {
            PostgresUnavailableCause.NotLinux => $"starting PostgreSQL from installed binaries is done on Linux only; set {EnvironmentVariable} elsewhere",
            PostgresUnavailableCause.NoBinaries => $"no PostgreSQL server: set {EnvironmentVariable} or install the postgresql package (initdb/pg_ctl under /usr/lib/postgresql)",
            _ => unavailable.Message,
        };
    }

    public string? AdminConnectionString => _server?.AdminConnectionString;

    public string? SkipReason { get; }

    /// <summary>A fresh, empty database for one test; skips the test when no server is available.</summary>
    public string NewDatabase()
    {
        if (_server is null)
        {
            Assert.Skip(SkipReason ?? "no PostgreSQL server");
        }

        return _server.CreateDatabase($"pmmetl_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
    }

    public void Dispose() => _server?.Dispose();
}

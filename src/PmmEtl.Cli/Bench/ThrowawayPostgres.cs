using PmmEtl.LocalPostgres;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// The PostgreSQL server the benchmark loads into: the one whose connection string is in the named environment
/// variable, or one started for the benchmark from the installed binaries with the server's default durability
/// (fsync on), so the load is measured as a real server would take it. Either way the benchmark gets a fresh database.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly LocalPostgresServer _server;

    private ThrowawayPostgres(LocalPostgresServer server)
    {
        _server = server;
    }

    /// <summary>The server, or null with the reason none could be had.</summary>
    public static ThrowawayPostgres? Open(string? environmentVariable, out string? reason)
    {
        reason = null;
        if (environmentVariable is not null)
        {
            if (LocalPostgresServer.FromEnvironment(environmentVariable) is { } given)
            {
                return new ThrowawayPostgres(given);
            }

            reason = $"the environment variable {environmentVariable} holds no connection string";
            return null;
        }

        if (LocalPostgresServer.TryStart("pmmetl-bench-pg", durable: true, out LocalPostgresServer? started, out PostgresUnavailable? unavailable))
        {
            return new ThrowawayPostgres(started);
        }

        reason = unavailable.Cause == PostgresUnavailableCause.StartFailed
            ? unavailable.Message
            : "no PostgreSQL server: install the postgresql package or pass --postgres-env VAR";
        return null;
    }

    /// <summary>An empty database for the benchmark (dropped first if a previous run left it).</summary>
    public string NewDatabase(string name) => _server.CreateDatabase(name);

    public void Dispose() => _server.Dispose();
}

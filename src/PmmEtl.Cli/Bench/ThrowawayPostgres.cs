using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// The PostgreSQL server the benchmark loads into: the one whose connection string is in the named environment
/// variable, or one started for the benchmark from the installed binaries (<c>/usr/lib/postgresql/*/bin</c>, as the
/// postgres user when running as root) on 127.0.0.1 and a free port, with its data in a throw-away folder and the
/// server's default durability (fsync on). Either way the benchmark gets a fresh database.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string? _folder;
    private readonly string? _bin;
    private readonly bool _asPostgresUser;

    private ThrowawayPostgres(string admin, string? folder, string? bin, bool asPostgresUser)
    {
        AdminConnectionString = admin;
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
    }

    public string AdminConnectionString { get; }

    /// <summary>The server, or null with the reason none could be had.</summary>
    public static ThrowawayPostgres? Open(string? environmentVariable, out string? reason)
    {
        reason = null;
        if (environmentVariable is not null)
        {
            string? given = Environment.GetEnvironmentVariable(environmentVariable);
            if (string.IsNullOrWhiteSpace(given))
            {
                reason = $"the environment variable {environmentVariable} holds no connection string";
                return null;
            }

            return new ThrowawayPostgres(given, null, null, false);
        }

        string? bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null || !OperatingSystem.IsLinux())
        {
            reason = "no PostgreSQL server: install the postgresql package or pass --postgres-env VAR";
            return null;
        }

        bool asPostgres = Environment.UserName == "root";
        // Not mktemp: its folders are mode 700 and the postgres user could not enter them.
        string folder = Path.Combine("/tmp", $"pmmetl-bench-pg-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var server = new ThrowawayPostgres($"Host=127.0.0.1;Port={FreePort()};Username=postgres;Database=postgres;Pooling=false", folder, bin, asPostgres);
        try
        {
            if (asPostgres)
            {
                Run("chown", "postgres:postgres", folder);
            }

            int port = new NpgsqlConnectionStringBuilder(server.AdminConnectionString).Port;
            string data = Path.Combine(folder, "data");
            server.Pg("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8");
            server.Pg("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start");
            return server;
        }
        catch (InvalidOperationException e)
        {
            reason = $"could not start PostgreSQL from {bin}: {e.Message}";
            server.Dispose();
            return null;
        }
    }

    /// <summary>An empty database for the benchmark (dropped first if a previous run left it).</summary>
    public string NewDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        foreach (string sql in (string[])[$"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}"])
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        if (_folder is null || _bin is null)
        {
            return;
        }

        try
        {
            Pg("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone; the folder goes all the same.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void Pg(string tool, params string[] args)
    {
        string path = Path.Combine(_bin!, tool);
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

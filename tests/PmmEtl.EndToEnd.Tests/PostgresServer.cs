using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(PmmEtl.EndToEnd.Tests.PostgresServer))]

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A real PostgreSQL server for the test run: the one named by PMMETL_TEST_POSTGRES (a connection string), or one
/// this fixture starts from the installed binaries (initdb + pg_ctl, as the postgres user when running as root)
/// on 127.0.0.1 and a free port, with its data in a throw-away folder. Tests that need it skip, saying why, when
/// neither is possible.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string EnvironmentVariable = "PMMETL_TEST_POSTGRES";
    private readonly string? _folder;
    private readonly string? _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    public PostgresServer()
    {
        string? given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            AdminConnectionString = given;
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            SkipReason = $"starting PostgreSQL from installed binaries is done on Linux only; set {EnvironmentVariable} elsewhere";
            return;
        }

        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (_bin is null)
        {
            SkipReason = $"no PostgreSQL server: set {EnvironmentVariable} or install the postgresql package (initdb/pg_ctl under /usr/lib/postgresql)";
            return;
        }

        try
        {
            _asPostgresUser = Environment.UserName == "root";
            // Not mktemp: its folders are mode 700 and the postgres user could not enter them.
            _folder = Path.Combine("/tmp", $"pmmetl-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..28]);
            Directory.CreateDirectory(_folder);
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
            if (_asPostgresUser)
            {
                Run("chown", "postgres:postgres", _folder);
            }

            int port = FreePort();
            string data = Path.Combine(_folder, "data");
            Pg("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            Pg("pg_ctl", "-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60", "-o",
                $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
            AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        }
        catch (Exception e)
        {
            SkipReason = $"could not start PostgreSQL from {_bin}: {e.Message}";
        }
    }

    public string? AdminConnectionString { get; }

    public string? SkipReason { get; }

    /// <summary>A fresh, empty database for one test; skips the test when no server is available.</summary>
    public string NewDatabase()
    {
        if (AdminConnectionString is null)
        {
            Assert.Skip(SkipReason ?? "no PostgreSQL server");
        }

        string name = $"pmmetl_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", connection))
        {
            drop.ExecuteNonQuery();
        }

        using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            create.ExecuteNonQuery();
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
            Pg("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already gone; the folder is removed all the same.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
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

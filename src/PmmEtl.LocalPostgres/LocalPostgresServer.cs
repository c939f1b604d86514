using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Npgsql;

namespace PmmEtl.LocalPostgres;

/// <summary>
/// A PostgreSQL server for a benchmark or a test run: either one whose connection string is given in an
/// environment variable (left as it is on dispose), or a throw-away one started from the installed binaries on
/// 127.0.0.1 and a free port, its data, log and socket in a folder of its own under /tmp, stopped and deleted on
/// dispose. The connection strings it hands out may hold a password; it never writes them into a message.
/// </summary>
public sealed class LocalPostgresServer : IDisposable
{
    private readonly PostgresPrograms? _programs;

    private LocalPostgresServer(string adminConnectionString, string? folder, PostgresPrograms? programs)
    {
        AdminConnectionString = adminConnectionString;
        Folder = folder;
        _programs = programs;
    }

    /// <summary>A connection string to the server's postgres database, as a user that may create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The folder holding a started server's data, log and socket; null for a given server.</summary>
    public string? Folder { get; }

    /// <summary>The server whose connection string the environment variable holds, or null when it holds none.</summary>
    public static LocalPostgresServer? FromEnvironment(string variable)
    {
        string? given = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(given) ? null : new LocalPostgresServer(given, null, null);
    }

    /// <summary>
    /// Starts a throw-away server from the newest installed binaries, or says why it could not.
    /// </summary>
    /// <param name="folderPrefix">Start of the folder's name under /tmp, so a left-over folder says whose it was.</param>
    /// <param name="durable">
    /// False for tests: no fsync, no synchronous commit, no full-page writes, since the data is thrown away and a
    /// shared disk's flushes would cost seconds a run. True for the benchmark, which measures the load as a real
    /// server (the defaults) would take it.
    /// </param>
    public static bool TryStart(
        string folderPrefix,
        bool durable,
        [NotNullWhen(true)] out LocalPostgresServer? server,
        [NotNullWhen(false)] out PostgresUnavailable? unavailable)
    {
        server = null;
        if (!OperatingSystem.IsLinux())
        {
            unavailable = new(PostgresUnavailableCause.NotLinux, "starting PostgreSQL from installed binaries is done on Linux only");
            return false;
        }

        if (PostgresPrograms.Find() is not { } programs)
        {
            unavailable = new(PostgresUnavailableCause.NoBinaries, "no PostgreSQL server binaries (initdb/pg_ctl under /usr/lib/postgresql)");
            return false;
        }

        // Not mktemp: its folders are mode 700 and the postgres user could not enter them. Short, since the socket's
        // path in it must fit in 107 bytes.
        string folder = Path.Combine("/tmp", $"{folderPrefix}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        int port = FreePort();
        var started = new LocalPostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", folder, programs);
        try
        {
            started.Initialise(port, durable);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            unavailable = new(PostgresUnavailableCause.StartFailed, $"could not start PostgreSQL from {programs.Folder}: {e.Message}");
            started.Dispose();
            return false;
        }

        server = started;
        unavailable = null;
        return true;
    }

    /// <summary>
    /// An empty database of that name (dropped first, with its connections, if a previous run left it), and a
    /// connection string to it.
    /// </summary>
    public string CreateDatabase(string name)
    {
        // The name goes into SQL as it is; a plain lower-case identifier needs no quoting and can hold no SQL.
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (lower-case letters, digits, underscores)", nameof(name));
        }

        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        foreach (string sql in (string[])[$"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}"])
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops a started server and deletes its folder; a given server is left as it is.</summary>
    public void Dispose()
    {
        if (Folder is null || _programs is null)
        {
            return;
        }

        try
        {
            // Immediate: the data is deleted next, so a shutdown checkpoint would be wasted work.
            _programs.Run("pg_ctl", "-D", Path.Combine(Folder, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone; the folder goes all the same.
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Never made, or a file still held: /tmp is cleaned by the system in the end.
        }
    }

    [SupportedOSPlatform("linux")]
    private void Initialise(int port, bool durable)
    {
        string folder = Folder!;
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        if (PostgresPrograms.AsPostgresUser)
        {
            PostgresPrograms.RunProgram("chown", "postgres:postgres", folder);
        }

        string data = Path.Combine(folder, "data");
        List<string> initdb = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"];
        if (!durable)
        {
            initdb.Add("--no-sync");
        }

        _programs!.Run("initdb", initdb);
        string options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        _programs.Run("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o", options, "start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

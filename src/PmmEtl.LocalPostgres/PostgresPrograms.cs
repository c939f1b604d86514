using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace PmmEtl.LocalPostgres;

/// <summary>
/// The installed server programs (initdb, pg_ctl) of the newest PostgreSQL under /usr/lib/postgresql, run as the
/// postgres user when this process is root, since PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PostgresPrograms
{
    private const string Installed = "/usr/lib/postgresql";

    private PostgresPrograms(string folder)
    {
        Folder = folder;
    }

    /// <summary>The bin folder the programs are run from.</summary>
    public string Folder { get; }

    public static bool AsPostgresUser => Environment.UserName == "root";

    /// <summary>The newest installed version's programs, or null when none is installed.</summary>
    public static PostgresPrograms? Find()
    {
        if (!Directory.Exists(Installed))
        {
            return null;
        }

        // By version number, not by name: "9.6" sorts after "15" as text.
        string? newest = Directory.GetDirectories(Installed)
            .Where(d => File.Exists(Path.Combine(d, "bin", "pg_ctl")))
            .OrderByDescending(d => double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0)
            .FirstOrDefault();
        return newest is null ? null : new PostgresPrograms(Path.Combine(newest, "bin"));
    }

    /// <summary>Runs one of the programs; throws <see cref="InvalidOperationException"/> with its output when it fails.</summary>
    public void Run(string program, params IEnumerable<string> args)
    {
        string path = Path.Combine(Folder, program);
        if (AsPostgresUser)
        {
            RunProgram("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            RunProgram(path, args);
        }
    }

    /// <summary>Runs a program and waits at most two minutes; throws <see cref="InvalidOperationException"/> with its output when it fails.</summary>
    public static void RunProgram(string file, params IEnumerable<string> args)
    {
        // In /tmp, since the postgres user may not enter this process's working folder and initdb complains then.
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = StartProcess(start);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in two minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed: {error.Result}{output.Result}");
        }
    }

    private static Process StartProcess(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            // Missing or not executable (runuser on a system without it): one exception type for the caller.
            throw new InvalidOperationException($"{start.FileName} could not be started: {e.Message}", e);
        }
    }
}

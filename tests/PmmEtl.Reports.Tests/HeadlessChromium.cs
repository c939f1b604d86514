using System.Diagnostics;

namespace PmmEtl.Reports.Tests;

/// <summary>Renders a local HTML file to PNG with Debian's headless Chromium, sandboxed from the network and from any profile.</summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Find() => Candidates.FirstOrDefault(File.Exists);

    public static void Screenshot(string chromium, string html, string png, int width, int height, string workFolder)
    {
        string profile = Path.Combine(workFolder, "chromium-profile");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={png}",
            $"--window-size={width},{height}", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish the screenshot within 90 s");
        }

        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"chromium exited with {process.ExitCode} and no screenshot: {errors.Result}");
        }
    }
}

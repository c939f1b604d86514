using System.Net;

namespace PmmEtl.Dashboard;

/// <summary>
/// Where the dashboard listens and who may see it. Loopback only by default; listening beyond loopback needs
/// <see cref="AllowRemote"/> and credentials (basic authentication, over TLS in front of it), taken from the
/// environment so that they never sit in a file or a command line.
/// </summary>
public sealed record DashboardSettings(Uri Url, bool AllowRemote, string? User, string? Password)
{
    public const string UserVariable = "PMMETL_DASHBOARD_USER";
    public const string PasswordVariable = "PMMETL_DASHBOARD_PASSWORD";

    public bool HasCredentials => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);

    public static DashboardSettings From(string url, bool allowRemote)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--dashboard-url: '{url}' is not an http(s) address");
        }

        var settings = new DashboardSettings(uri, allowRemote, Environment.GetEnvironmentVariable(UserVariable), Environment.GetEnvironmentVariable(PasswordVariable));
        if (!IsLoopbackHost(uri.Host))
        {
            if (!allowRemote)
            {
                throw new ArgumentException($"--dashboard-url: {uri.Host} is not a loopback address; pass --dashboard-allow-remote and set {UserVariable} and {PasswordVariable} to serve beyond this machine");
            }

            if (!settings.HasCredentials)
            {
                throw new ArgumentException($"--dashboard-allow-remote needs authentication: set {UserVariable} and {PasswordVariable}");
            }
        }

        return settings;
    }

    public static bool IsLoopbackHost(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));
}

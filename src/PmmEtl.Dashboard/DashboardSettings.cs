using System.Net;

namespace PmmEtl.Dashboard;

/// <summary>
/// Where the dashboard listens, who may see it, which Host names it answers to and whether it may change anything.
/// Loopback only by default; listening beyond loopback needs <see cref="AllowRemote"/> and credentials (basic
/// authentication, over TLS in front of it), taken from the environment so that they never sit in a file or a
/// command line. Once credentials are set they are asked of every request, a loopback one included: behind a
/// reverse proxy every request arrives from loopback. Read-only unless <see cref="AllowWrites"/>.
/// </summary>
public sealed record DashboardSettings(Uri Url, bool AllowRemote, string? User, string? Password)
{
    public const string UserVariable = "PMMETL_DASHBOARD_USER";
    public const string PasswordVariable = "PMMETL_DASHBOARD_PASSWORD";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private readonly IReadOnlyList<string>? _allowedHosts;

    public bool HasCredentials => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);

    /// <summary>Trigger, delete, retry and requeue in Hangfire's dashboard; off unless asked for.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>
    /// The Host names (no port) a request may name, so that a DNS name rebound to this machine is refused. Default:
    /// the listening URL's host, plus localhost, 127.0.0.1 and [::1] when that host is a loopback address.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts
    {
        get => _allowedHosts is { Count: > 0 } hosts ? hosts : DefaultHosts(Url);
        init => _allowedHosts = value;
    }

    public static DashboardSettings From(string url, bool allowRemote, bool allowWrites = false, string? allowedHosts = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--dashboard-url: '{url}' is not an http(s) address");
        }

        var settings = new DashboardSettings(uri, allowRemote, Environment.GetEnvironmentVariable(UserVariable), Environment.GetEnvironmentVariable(PasswordVariable))
        {
            AllowWrites = allowWrites,
            AllowedHosts = ParseHosts(allowedHosts),
        };
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

        if (IsWildcardHost(uri.Host) && string.IsNullOrWhiteSpace(allowedHosts))
        {
            throw new ArgumentException($"--dashboard-url: {uri.Host} listens on every address, so no browser names it; list the host names clients use with --dashboard-allowed-hosts");
        }

        return settings;
    }

    public static bool IsLoopbackHost(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));

    private static bool IsWildcardHost(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    private static IReadOnlyList<string> DefaultHosts(Uri url)
    {
        string own = NormaliseHost(url.Host);
        return IsLoopbackHost(url.Host) ? [.. LoopbackNames.Append(own).Distinct(StringComparer.OrdinalIgnoreCase)] : [own];
    }

    /// <summary>A comma-separated list of host names or IP addresses, without scheme, port or wildcard.</summary>
    private static IReadOnlyList<string> ParseHosts(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return [];
        }

        var hosts = new List<string>();
        foreach (string entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.CheckHostName(entry.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                throw new ArgumentException($"--dashboard-allowed-hosts: '{entry}' is not a host name or an IP address (no scheme, port or wildcard)");
            }

            hosts.Add(NormaliseHost(entry));
        }

        return hosts;
    }

    /// <summary>IPv6 addresses in brackets, as they stand in a Host header; names in lower case.</summary>
    private static string NormaliseHost(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : host.ToLowerInvariant();
}

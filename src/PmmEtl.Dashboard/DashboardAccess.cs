using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PmmEtl.Dashboard;

/// <summary>What the access rule says about one request.</summary>
public enum AccessDecision
{
    Allowed,

    /// <summary>Credentials are configured and the request did not carry them: 401 with a basic challenge.</summary>
    CredentialsRequired,

    /// <summary>No credentials are configured, and the request is not plainly from this machine: 403.</summary>
    LocalOnly,
}

/// <summary>
/// One rule for every page. Once credentials are configured, every request must carry them, wherever it comes from:
/// a reverse proxy on this machine makes every remote request arrive from loopback, so loopback proves nothing.
/// Without credentials, only a request from loopback that no proxy forwarded is let in.
/// </summary>
public static class DashboardAccess
{
    /// <summary>Headers a reverse proxy adds; a request carrying any of them came from elsewhere.</summary>
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"];

    public static bool Allows(HttpContext http, DashboardSettings settings) => Decide(http, settings) == AccessDecision.Allowed;

    public static AccessDecision Decide(HttpContext http, DashboardSettings settings)
    {
        IPAddress? remote = http.Connection.RemoteIpAddress;
        bool fromLoopback = remote is not null && IPAddress.IsLoopback(remote);
        if (settings.HasCredentials)
        {
            // A remote address on a dashboard not meant to be remote is refused even with the right password.
            if (!fromLoopback && !settings.AllowRemote)
            {
                return AccessDecision.LocalOnly;
            }

            return CarriesCredentials(http, settings) ? AccessDecision.Allowed : AccessDecision.CredentialsRequired;
        }

        bool forwarded = ForwardingHeaders.Any(h => http.Request.Headers.ContainsKey(h));
        return fromLoopback && !forwarded ? AccessDecision.Allowed : AccessDecision.LocalOnly;
    }

    private static bool CarriesCredentials(HttpContext http, DashboardSettings settings)
    {
        string header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        // Compared as SHA-256 digests of equal length, so that neither the content nor the length of the
        // configured credentials shows in the time an answer takes.
        byte[] expected = Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}");
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected));
    }
}

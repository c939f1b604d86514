using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PmmEtl.Dashboard;

/// <summary>
/// One rule for every page: a request from this machine is let in; a request from elsewhere only when remote
/// access was allowed and it carries the configured basic-authentication credentials.
/// </summary>
public static class DashboardAccess
{
    public static bool Allows(HttpContext http, DashboardSettings settings)
    {
        IPAddress? remote = http.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote))
        {
            return true;
        }

        if (!settings.AllowRemote || !settings.HasCredentials)
        {
            return false;
        }

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

        byte[] expected = Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}");
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}

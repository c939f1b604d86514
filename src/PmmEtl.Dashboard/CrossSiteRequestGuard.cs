using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace PmmEtl.Dashboard;

/// <summary>
/// A state-changing request (any method but GET, HEAD, OPTIONS and TRACE) is let through only when it plainly comes
/// from the dashboard's own pages: its Origin (or, without one, its Referer) names an allowed host, the browser does
/// not mark it as sent from another site, and it carries ASP.NET Core's anti-forgery token, which Hangfire's pages
/// read from their csrf-token meta tag and send as a header with every command. A form that another site submits
/// has none of these, so it is refused before any handler sees it; a browser's basic-authentication credentials,
/// which it sends along with such a form, do not help it.
/// </summary>
public static class CrossSiteRequestGuard
{
    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Why the request must be refused, or null when it may go on.</summary>
    public static async Task<string?> RefusalAsync(HttpContext http, IReadOnlyList<string> allowedHosts, IAntiforgery antiforgery)
    {
        if (!IsStateChanging(http.Request.Method))
        {
            return null;
        }

        if (SourceRefusal(http.Request, allowedHosts) is { } refusal)
        {
            return refusal;
        }

        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? null : "the anti-forgery token is missing or does not match";
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return "the request body is not a readable form";
        }
    }

    /// <summary>Where the request says it comes from: it must be one of the dashboard's own host names.</summary>
    public static string? SourceRefusal(HttpRequest request, IReadOnlyList<string> allowedHosts)
    {
        // Sent by every current browser; "same-site" is refused too, so a page on another port of this host
        // cannot post either.
        string fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return $"the browser marked it as sent from another site (Sec-Fetch-Site: {fetchSite})";
        }

        string origin = request.Headers.Origin.ToString();
        string source = origin.Length > 0 ? origin : request.Headers.Referer.ToString();
        if (source.Length == 0)
        {
            return "it names no Origin or Referer";
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"its {(origin.Length > 0 ? "Origin" : "Referer")} is not an http(s) address";
        }

        StringSegment[] patterns = [.. allowedHosts.Select(h => new StringSegment(h))];
        return HostString.MatchesAny(new StringSegment(uri.Authority), patterns)
            ? null
            : $"it comes from another site ({uri.GetLeftPart(UriPartial.Authority)})";
    }
}

using System.Text.RegularExpressions;

namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// Reads a section's connection string: <c>connection_string_env</c> names an environment variable that holds it
/// (the way secrets reach a job), or <c>connection_string</c> gives it inline only when it carries no secret.
/// </summary>
internal static partial class ConnectionStrings
{
    public static string? Read(YamlNodeReader section)
    {
        string? inline = section.String("connection_string", required: false);
        string? env = section.String("connection_string_env", required: false);
        if (inline is not null && env is not null)
        {
            section.Problem(section.Get("connection_string"), "connection_string", "give connection_string or connection_string_env, not both");
            return null;
        }

        if (inline is not null)
        {
            if (Secret().IsMatch(inline))
            {
                section.Problem(section.Get("connection_string"), "connection_string",
                    "holds a password: put the connection string in an environment variable and name it with connection_string_env");
                return null;
            }

            return inline;
        }

        if (env is null)
        {
            section.Problem(null, "connection_string_env", "missing: name the environment variable that holds the connection string");
            return null;
        }

        string? value = Environment.GetEnvironmentVariable(env);
        if (string.IsNullOrWhiteSpace(value))
        {
            section.Problem(section.Get("connection_string_env"), "connection_string_env", $"the environment variable '{env}' is not set");
            return null;
        }

        return value;
    }

    [GeneratedRegex(@"(^|;)\s*(password|pwd)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}

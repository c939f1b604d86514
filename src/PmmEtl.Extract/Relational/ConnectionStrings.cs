using PmmEtl.Extract.Definitions;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Reads a section's connection string: <c>connection_string_env</c> names an environment variable that holds it
/// (the way secrets reach a job), or <c>connection_string</c> gives it inline only when it carries no secret, as the
/// provider's own connection-string builder reads it (<see cref="InlineSecrets"/>).
/// </summary>
public static class ConnectionStrings
{
    /// <param name="section">The source or warehouse section.</param>
    /// <param name="kind">The provider the string is for: postgres, sqlserver, sqlite or duckdb.</param>
    public static string? Read(YamlNodeReader section, string kind)
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
            IReadOnlyList<string> problems = InlineSecrets.Find(kind, inline);
            foreach (string problem in problems)
            {
                section.Problem(section.Get("connection_string"), "connection_string", problem);
            }

            return problems.Count == 0 ? inline : null;
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
}

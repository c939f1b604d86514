using System.Data.Common;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Finds what an inline connection string must not hold, by asking the provider's own connection-string builder
/// rather than matching key names: Npgsql reads <c>Psw</c>, <c>PWD</c> and <c>Password</c> in any case as the
/// password, so a list of spellings kept here would always miss one. Each keyword is given alone to a fresh builder,
/// and is a secret when the builder then holds a password (for DuckDB, which has no password property, when it is a
/// setting DuckDB knows whose name says it holds a credential). A keyword the builder does not know is reported too,
/// since the provider would refuse it at the first connection anyway. Findings name keywords only, never values.
/// </summary>
internal static partial class InlineSecrets
{
    /// <summary>The problems of <paramref name="connectionString"/> for a provider kind; empty when it may stay inline.</summary>
    public static IReadOnlyList<string> Find(string kind, string connectionString)
    {
        DbConnectionStringBuilder generic;
        try
        {
            generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the text from the fault on: it may be the password.
            return ["not a connection string (keyword=value pairs separated by ';')"];
        }

        var problems = new List<string>();
        var secrets = new List<string>();
        foreach (string keyword in generic.Keys.Cast<string>())
        {
            DbConnectionStringBuilder alone = Builder(kind);
            try
            {
                alone[keyword] = generic[keyword];
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                problems.Add($"'{keyword}' is not a {kind} connection-string keyword, or its value is not valid for it");
                continue;
            }

            if (HoldsSecret(alone, keyword))
            {
                secrets.Add(keyword);
            }
        }

        if (secrets.Count == 0 && problems.Count == 0 && HoldsWholeSecret(kind, connectionString))
        {
            // The provider's own parser found a password the keyword-by-keyword reading did not: refuse all the same.
            secrets.Add("(a keyword the provider reads as a password)");
        }

        if (secrets.Count > 0)
        {
            problems.Insert(0, $"holds a password (keyword {string.Join(", ", secrets.Select(k => $"'{k}'"))}): put the connection string in an "
                + "environment variable and name it with connection_string_env");
        }

        return problems;
    }

    private static DbConnectionStringBuilder Builder(string kind) => kind switch
    {
        "postgres" => new NpgsqlConnectionStringBuilder(),
        "sqlserver" => new SqlConnectionStringBuilder(),
        "sqlite" => new SqliteConnectionStringBuilder(),
        "duckdb" => new DuckDBConnectionStringBuilder(),
        _ => new DbConnectionStringBuilder(),
    };

    private static bool HoldsSecret(DbConnectionStringBuilder builder, string keyword) => builder switch
    {
        // SSL Password unlocks the client certificate's key: as secret as the login's.
        NpgsqlConnectionStringBuilder n => !string.IsNullOrEmpty(n.Password) || !string.IsNullOrEmpty(n.SslPassword),
        SqlConnectionStringBuilder s => !string.IsNullOrEmpty(s.Password),
        SqliteConnectionStringBuilder q => !string.IsNullOrEmpty(q.Password),
        // DuckDB passes keywords on as settings (password, http_proxy_password, s3_secret_access_key, s3_session_token,
        // azure_storage_connection_string …); none is a property of the builder.
        DuckDBConnectionStringBuilder => DuckDbCredential().IsMatch(keyword) && !string.IsNullOrEmpty(builder[keyword]?.ToString()),
        _ => DuckDbCredential().IsMatch(keyword),
    };

    private static bool HoldsWholeSecret(string kind, string connectionString)
    {
        try
        {
            DbConnectionStringBuilder whole = Builder(kind);
            whole.ConnectionString = connectionString;
            return whole switch
            {
                NpgsqlConnectionStringBuilder n => !string.IsNullOrEmpty(n.Password) || !string.IsNullOrEmpty(n.SslPassword),
                SqlConnectionStringBuilder s => !string.IsNullOrEmpty(s.Password),
                SqliteConnectionStringBuilder q => !string.IsNullOrEmpty(q.Password),
                _ => false,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    // Names of settings that carry a credential; not the switches and folders about secrets (allow_persistent_secrets, secret_directory).
    [GeneratedRegex(@"password|pwd|token|connection_string|(^|_)secret(_access_key)?$|_key$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DuckDbCredential();
}

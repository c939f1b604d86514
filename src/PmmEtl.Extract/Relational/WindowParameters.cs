using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Binds the window to a source query as the named parameters <c>from</c> and <c>to</c> (ISO dates, end exclusive),
/// written with the provider's own marker. Only the parameters the query names are bound, since some providers
/// refuse parameters a statement does not use. Values are always parameters, never SQL text.
/// </summary>
public static partial class WindowParameters
{
    public static IReadOnlyList<string> Names { get; } = ["from", "to"];

    /// <summary>The window parameters that <paramref name="sql"/> names with <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> Referenced(string sql, char marker) =>
        Names.Where(n => Reference(marker, n).IsMatch(sql)).ToArray();

    /// <summary>A query that writes the window with another provider's marker would fail at run time; say so when the pipeline is loaded.</summary>
    public static string? CheckMarkers(string sql, SourceProvider provider)
    {
        char other = provider.ParameterMarker == '$' ? '@' : '$';
        IReadOnlyList<string> wrong = Referenced(sql, other);
        return wrong.Count == 0
            ? null
            : $"{provider.Kind} names parameters {provider.ParameterMarker}name: write {string.Join(" and ", wrong.Select(n => provider.ParameterMarker + n))}, not {string.Join(" and ", wrong.Select(n => other + n))}";
    }

    public static void Bind(DbCommand command, SourceProvider provider, string sql, ExtractWindow window)
    {
        foreach (string name in Referenced(sql, provider.ParameterMarker))
        {
            command.Parameters.Add(Create(command, provider, name, name == "from" ? window.FromText : window.ToText));
        }
    }

    public static DbParameter Create(DbCommand command, SourceProvider provider, string name, string value)
    {
        if (command is NpgsqlCommand)
        {
            // Sent untyped, PostgreSQL infers the type from the comparison, as for a quoted literal: the same query
            // then works against a DATE column and against dates kept as text.
            return new NpgsqlParameter(provider.ParameterName(name), NpgsqlDbType.Unknown) { Value = value };
        }

        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = provider.ParameterName(name);
        parameter.DbType = DbType.String;
        parameter.Value = value;
        return parameter;
    }

    private static Regex Reference(char marker, string name) => marker == '$' ? DollarReference(name) : AtReference(name);

    private static Regex AtReference(string name) => name == "from" ? AtFrom() : AtTo();

    private static Regex DollarReference(string name) => name == "from" ? DollarFrom() : DollarTo();

    // Not preceded by a word character or a second marker (@@ names a SQL Server global), not followed by a word character.
    [GeneratedRegex(@"(?<![\w@$])@from(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtFrom();

    [GeneratedRegex(@"(?<![\w@$])@to(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtTo();

    [GeneratedRegex(@"(?<![\w@$])\$from(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DollarFrom();

    [GeneratedRegex(@"(?<![\w@$])\$to(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DollarTo();
}

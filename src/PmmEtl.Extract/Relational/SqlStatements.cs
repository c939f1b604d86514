using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Counts the statements of a source query the way its engine splits them, so that a query holding a second
/// statement (<c>SELECT …; SET default_transaction_read_only = off; INSERT …</c>) is refused before it reaches the
/// source. Semicolons inside string literals, quoted names and comments do not split; a statement that is only blanks
/// and comments does not count, so one trailing semicolon (or several) is fine.
/// <para>
/// The lexical rules follow each engine, since a rule looser than the engine's would hide a statement from the count:
/// PostgreSQL and DuckDB nest block comments and know dollar quoting (<c>$tag$…$tag$</c>) and <c>E'…'</c> strings
/// with backslash escapes; SQLite's block comments do not nest and it quotes names with <c>[…]</c> and backticks too.
/// T-SQL needs no semicolon between statements (<c>SELECT 1 INSERT …</c> is two), so SQL Server queries are counted
/// by ScriptDom's parser, with the lexical count as the fallback when it cannot parse the text.
/// </para>
/// </summary>
public static class SqlStatements
{
    /// <summary>Why <paramref name="sql"/> is not one statement, or null when it is.</summary>
    public static string? SingleStatementProblem(string sql, SourceProvider provider) => Count(sql, provider) switch
    {
        1 => null,
        0 => "holds no SQL statement",
        int n => $"holds {n} statements: a source query is one statement (a single trailing semicolon is fine); "
            + "a second statement could change what the source lets the extract do",
    };

    public static int Count(string sql, SourceProvider provider) =>
        provider.Kind == SourceProvider.SqlServer.Kind && TSqlCount(sql) is { } parsed
            ? Math.Max(parsed, LexicalCount(sql, provider))
            : LexicalCount(sql, provider);

    /// <summary>ScriptDom's statement count over every batch, or null when it cannot parse the text.</summary>
    private static int? TSqlCount(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        TSqlFragment fragment = parser.Parse(reader, out IList<ParseError> errors);
        return errors.Count == 0 && fragment is TSqlScript script ? script.Batches.Sum(b => b.Statements.Count) : null;
    }

    private static int LexicalCount(string sql, SourceProvider provider)
    {
        bool postgresLike = provider.Kind == SourceProvider.Postgres.Kind || provider.Kind == SourceProvider.DuckDb.Kind;
        bool sqlite = provider.Kind == SourceProvider.Sqlite.Kind;
        bool brackets = sqlite || provider.Kind == SourceProvider.SqlServer.Kind;
        bool nestedComments = !sqlite;

        int statements = 0;
        bool content = false;
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            char next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == ';')
            {
                statements += content ? 1 : 0;
                content = false;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && next == '*')
            {
                i = EndOfBlockComment(sql, i, nestedComments);
            }
            else
            {
                content = true;
                i = c switch
                {
                    '\'' => EndOfQuoted(sql, i, '\'', backslashEscapes: false),
                    '"' => EndOfQuoted(sql, i, '"', backslashEscapes: false),
                    '[' when brackets => EndOfQuoted(sql, i, ']', backslashEscapes: false),
                    '`' when sqlite => EndOfQuoted(sql, i, '`', backslashEscapes: false),
                    '$' when postgresLike && DollarTag(sql, i) is { } tag => EndOfDollarQuoted(sql, i, tag),
                    _ when IsIdentifierStart(c) => EndOfWord(sql, i, postgresLike),
                    _ => i + 1,
                };
            }
        }

        return statements + (content ? 1 : 0);
    }

    /// <summary>After a word; a lone <c>E</c> or <c>e</c> before a quote opens PostgreSQL's escape string, where a backslash escapes the quote.</summary>
    private static int EndOfWord(string sql, int start, bool postgresLike)
    {
        int i = start;
        while (i < sql.Length && (IsIdentifierStart(sql[i]) || char.IsDigit(sql[i]) || (postgresLike && sql[i] == '$')))
        {
            i++;
        }

        bool escapeString = postgresLike && i - start == 1 && sql[start] is 'E' or 'e' && i < sql.Length && sql[i] == '\'';
        return escapeString ? EndOfQuoted(sql, i, '\'', backslashEscapes: true) : i;
    }

    /// <summary>After the closing quote (a doubled quote is one quote character); the end of the text when it is never closed.</summary>
    private static int EndOfQuoted(string sql, int open, char close, bool backslashEscapes)
    {
        int i = open + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
            }
            else if (sql[i] == close)
            {
                if (i + 1 < sql.Length && sql[i + 1] == close)
                {
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static int EndOfBlockComment(string sql, int open, bool nested)
    {
        int depth = 0;
        int i = open;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*' && (nested || depth == 0))
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    /// <summary>The tag of a dollar quote opening at <paramref name="at"/> (<c>$$</c> or <c>$name$</c>); null for a parameter such as <c>$from</c> or <c>$1</c>.</summary>
    private static string? DollarTag(string sql, int at)
    {
        int i = at + 1;
        if (i < sql.Length && IsIdentifierStart(sql[i]))
        {
            while (i < sql.Length && (IsIdentifierStart(sql[i]) || char.IsDigit(sql[i])))
            {
                i++;
            }
        }

        return i < sql.Length && sql[i] == '$' ? sql[at..(i + 1)] : null;
    }

    private static int EndOfDollarQuoted(string sql, int open, string tag)
    {
        int close = sql.IndexOf(tag, open + tag.Length, StringComparison.Ordinal);
        return close < 0 ? sql.Length : close + tag.Length;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c > 0x7F;
}

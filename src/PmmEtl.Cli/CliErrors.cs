using System.CommandLine;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Cli;

/// <summary>A bad argument or a file the command cannot use: one line on standard error and exit 2, before any work.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// How pmm-etl answers what goes wrong: a bad argument, a missing file or a bad definition exits 2, a failure while
/// working exits 1, each with one line on standard error and never a stack trace (the operator reads the line, a
/// scheduler reads the code). A definition with several problems lists them, one per line, as its loader reports them.
/// </summary>
internal static class CliErrors
{
    public const int Usage = 2;
    public const int Failed = 1;

    public static bool IsUsage(Exception e) => e is CliUsageException or PipelineDefinitionException;

    public static string Describe(Exception e) => e switch
    {
        PipelineDefinitionException { Problems.Count: 1 } definition => OneLine($"{definition.Path}: {definition.Problems[0]}"),
        PipelineDefinitionException definition => definition.Message,
        _ => OneLine(e.Message),
    };

    /// <summary>System.CommandLine's parse errors (unknown option, missing argument, a value of the wrong type) as one line.</summary>
    public static string ParseErrors(ParseResult parse)
    {
        string command = string.Join(' ', CommandPath(parse));
        return OneLine($"{command}: {string.Join("; ", parse.Errors.Select(e => e.Message))} (see {command} --help)");
    }

    /// <summary>The failure of a command that had started working: exit 1, one line, the exception's kind when its message alone may not say.</summary>
    public static string Failure(ParseResult parse, Exception e) =>
        OneLine($"{string.Join(' ', CommandPath(parse))}: {e.Message}{(e is IOException or InvalidOperationException or UnauthorizedAccessException ? "" : $" ({e.GetType().Name})")}");

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is System.CommandLine.Parsing.CommandResult { Command: { } command })
            {
                names.Push(command is RootCommand ? "pmm-etl" : command.Name);
            }
        }

        return names;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

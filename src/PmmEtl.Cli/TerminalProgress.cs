using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace PmmEtl.Cli;

/// <summary>
/// A progress bar for the load on a terminal: drawn on standard error under the log lines, from the load's own progress
/// events ("Extracted {Rows} {Type} records ({RowsPerSecond}/s)"), so the runner knows nothing of it and the logs stay as
/// they are. The rate is the load's; the ETA needs a total, which is the rows the last succeeded run of the pipeline read
/// of that type (its run result), when there is one. Only when standard error is a terminal: redirected, nothing is drawn.
/// </summary>
internal sealed class TerminalProgress
{
    private const int Width = 28;
    private readonly TextWriter _terminal;
    private readonly object _gate = new();
    private string? _line;

    private TerminalProgress(TextWriter terminal) => _terminal = terminal;

    /// <summary>The progress of this process, or null when standard error is not a terminal.</summary>
    public static TerminalProgress? Current { get; } = Console.IsErrorRedirected ? null : new TerminalProgress(Console.Error);

    /// <summary>Rows of each record type the last succeeded run read: the totals the ETA counts down.</summary>
    public IReadOnlyDictionary<string, long> Expected { get; set; } = new Dictionary<string, long>();

    /// <summary>Runs before the console sink: the bar's line is cleared so the log line takes its place.</summary>
    public ILogEventSink Before => new Sink(_ => Clear());

    /// <summary>Runs after the console sink: the bar is drawn again under the log line, updated by a progress event.</summary>
    public ILogEventSink After => new Sink(Update);

    private void Clear()
    {
        lock (_gate)
        {
            if (_line is not null)
            {
                _terminal.Write("\r\x1b[K");
            }
        }
    }

    private void Update(LogEvent e)
    {
        lock (_gate)
        {
            if (e.Properties.TryGetValue("Rows", out LogEventPropertyValue? rows) && e.Properties.TryGetValue("RowsPerSecond", out LogEventPropertyValue? rate)
                && e.Properties.TryGetValue("Type", out LogEventPropertyValue? type) && e.MessageTemplate.Text.StartsWith("Extracted ", StringComparison.Ordinal))
            {
                string name = Text(type);
                _line = Render(name, Number(rows), Number(rate), Expected.TryGetValue(name, out long total) ? total : null);
            }
            else if (e.Properties.ContainsKey("Loaded") || e.Level >= LogEventLevel.Warning)
            {
                // A type finished (or the run is in trouble): the bar is done.
                _line = null;
            }

            if (_line is not null)
            {
                _terminal.Write(_line);
                _terminal.Flush();
            }
        }
    }

    /// <summary>One line: a bar and percentage when the total is known, the rows, the rate and the time left.</summary>
    internal static string Render(string type, double rows, double rowsPerSecond, long? total)
    {
        string done = rows.ToString("N0", CultureInfo.InvariantCulture);
        string rate = rowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        if (total is not { } t || t <= 0 || rowsPerSecond <= 0)
        {
            return $"  {type}: {done} rows · {rate} rows/s";
        }

        double fraction = Math.Clamp(rows / t, 0, 1);
        int filled = (int)Math.Round(fraction * Width);
        TimeSpan eta = TimeSpan.FromSeconds(Math.Max(0, t - rows) / rowsPerSecond);
        return $"  {type} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction:P0} {done} of ~{t.ToString("N0", CultureInfo.InvariantCulture)} rows · {rate} rows/s · ETA {(int)eta.TotalMinutes}:{eta.Seconds:D2}";
    }

    private static string Text(LogEventPropertyValue value) => value is ScalarValue { Value: string s } ? s : value.ToString();

    private static double Number(LogEventPropertyValue value) => value is ScalarValue { Value: IConvertible c } ? c.ToDouble(CultureInfo.InvariantCulture) : 0;

    private sealed class Sink(Action<LogEvent> emit) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => emit(logEvent);
    }
}

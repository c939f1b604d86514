using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// Feeds the engine's bulk path from a thread of its own: rows are handed over in batches and written in order, so
/// the caller's thread normalises the next rows while the appender encodes and stores these. The connection is used
/// by this thread only until <see cref="Complete"/> has joined it. A failure of the writer reaches the caller at its
/// next <see cref="Add"/> or at <see cref="Complete"/>. Batches are bounded, so memory does not grow with the rows.
/// </summary>
internal sealed class WriterThread<T> : IDisposable
{
    private const int BatchSize = 1024;

    // The appender is the slower side, so the queue is nearly always full: every row waiting in it outlives a gen-0
    // collection and is copied into an older generation. Two batches keep both threads busy; more only multiply those
    // copies, and with them the full collections (see docs/benchmarks.md).
    private const int Capacity = 2;

    private readonly BlockingCollection<(T[] Items, int Count)> _batches = new(Capacity);
    private readonly CancellationTokenSource _failed = new();
    private readonly Action<T> _write;
    private readonly Thread _thread;
    private T[] _items = new T[BatchSize];
    private int _count;
    private ExceptionDispatchInfo? _failure;
    private bool _joined;

    public WriterThread(Action<T> write, string name)
    {
        _write = write;
        _thread = new Thread(Drain) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void Add(T item)
    {
        _items[_count++] = item;
        if (_count == BatchSize)
        {
            Hand();
        }
    }

    /// <summary>Writes what is left, waits for the writer, and rethrows its failure if it had one.</summary>
    public void Complete()
    {
        if (!_joined)
        {
            Hand();
            Join();
        }

        _failure?.Throw();
    }

    public void Dispose()
    {
        // Abandoned (the load failed or was never committed): stop writing, nothing will be merged.
        _failed.Cancel();
        Join();
        _batches.Dispose();
        _failed.Dispose();
    }

    private void Hand()
    {
        if (_count == 0)
        {
            return;
        }

        try
        {
            _batches.Add((_items, _count), _failed.Token);
        }
        catch (OperationCanceledException)
        {
            _failure?.Throw();
            throw;
        }

        _items = new T[BatchSize];
        _count = 0;
    }

    private void Join()
    {
        if (_joined)
        {
            return;
        }

        _batches.CompleteAdding();
        _thread.Join();
        _joined = true;
    }

    private void Drain()
    {
        try
        {
            foreach ((T[] items, int count) in _batches.GetConsumingEnumerable(_failed.Token))
            {
                for (int i = 0; i < count; i++)
                {
                    _write(items[i]);
                }
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // Disposed without a commit: the rows left are not wanted.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            _failed.Cancel();
        }
    }
}

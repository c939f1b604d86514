using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace PmmEtl.Extract.Threading;

/// <summary>
/// Enumerates a sequence on a thread of its own, a bounded number of batches ahead of the consumer, so parsing a
/// source and normalising and loading its rows use two cores instead of one. Order is kept; an exception of the
/// source reaches the consumer after the items that preceded it, as it would have without the thread; a consumer
/// that stops early stops the reader. At most <c>Capacity × BatchSize</c> items wait, so memory does not grow
/// with the source.
/// </summary>
public static class ReadAhead
{
    private const int BatchSize = 512;

    // Small on purpose: an item waiting here when the garbage collector runs is copied into an older generation, and
    // the consumer, not the reader, sets the pace.
    private const int Capacity = 2;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<Batch<T>>(Capacity);
        var reader = new Thread(() => Produce(source, batches, stop.Token)) { IsBackground = true, Name = "pmm-etl read-ahead" };
        reader.Start();
        try
        {
            foreach (Batch<T> batch in batches.GetConsumingEnumerable(cancellationToken))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    yield return batch.Items[i];
                }

                batch.Failure?.Throw();
            }
        }
        finally
        {
            // The consumer is done (or gave up): the reader must not outlive the enumeration.
            stop.Cancel();
            reader.Join();
        }
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<Batch<T>> batches, CancellationToken stop)
    {
        var items = new T[BatchSize];
        int count = 0;
        try
        {
            foreach (T item in source)
            {
                items[count++] = item;
                if (count == BatchSize)
                {
                    batches.Add(new Batch<T>(items, count, null), stop);
                    items = new T[BatchSize];
                    count = 0;
                }
            }

            batches.Add(new Batch<T>(items, count, null), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped; nobody is waiting for the rest.
        }
        catch (Exception e)
        {
            TryAdd(batches, new Batch<T>(items, count, ExceptionDispatchInfo.Capture(e)), stop);
        }
        finally
        {
            batches.CompleteAdding();
        }
    }

    private static void TryAdd<T>(BlockingCollection<Batch<T>> batches, Batch<T> last, CancellationToken stop)
    {
        try
        {
            batches.Add(last, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record Batch<T>(T[] Items, int Count, ExceptionDispatchInfo? Failure);
}

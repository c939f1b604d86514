namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The values of one column for one row group. Grows on demand up to the row-group size, so publishing a few
/// hundred KPI values does not allocate arrays sized for a hundred thousand rows in every column.
/// </summary>
internal sealed class ColumnBuffer<T>
{
    private const int InitialCapacity = 1024;
    private readonly int _maxRows;
    private T[] _values;

    public ColumnBuffer(int maxRows)
    {
        _maxRows = maxRows;
        _values = new T[Math.Min(InitialCapacity, maxRows)];
    }

    public T[] Values => _values;

    public T this[int index] => _values[index];

    public void Set(int index, T value)
    {
        if (index >= _values.Length)
        {
            Array.Resize(ref _values, Math.Min(Math.Max(_values.Length * 2, index + 1), _maxRows));
        }

        _values[index] = value;
    }
}

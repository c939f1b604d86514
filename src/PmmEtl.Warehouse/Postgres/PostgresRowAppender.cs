using Npgsql;
using NpgsqlTypes;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Postgres;

/// <summary>Npgsql's binary COPY importer behind <see cref="IRowAppender"/>: the fastest way into PostgreSQL.</summary>
internal sealed class PostgresRowAppender(NpgsqlBinaryImporter importer) : IRowAppender
{
    private bool _inRow;

    public IRowAppender Text(string? value) => Write(value, NpgsqlDbType.Text);

    public IRowAppender Int(int? value) => Write(value, NpgsqlDbType.Integer);

    public IRowAppender Long(long? value) => Write(value, NpgsqlDbType.Bigint);

    public IRowAppender Short(short? value) => Write(value, NpgsqlDbType.Smallint);

    public IRowAppender Double(double? value) => Write(value, NpgsqlDbType.Double);

    public IRowAppender Bool(bool? value) => Write(value, NpgsqlDbType.Boolean);

    public IRowAppender Date(DateOnly? value) => Write(value, NpgsqlDbType.Date);

    public IRowAppender Timestamp(DateTime? utc) => Write<DateTime?>(utc is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null, NpgsqlDbType.TimestampTz);

    public void EndRow() => _inRow = false;

    public void Complete() => importer.Complete();

    public void Dispose() => importer.Dispose();

    private PostgresRowAppender Write<T>(T? value, NpgsqlDbType type)
    {
        if (!_inRow)
        {
            importer.StartRow();
            _inRow = true;
        }

        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }

        return this;
    }
}

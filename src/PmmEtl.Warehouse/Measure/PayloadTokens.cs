using System.Text.Json;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// The tokens of a kept month's JSON, read forward only (<see cref="Utf8JsonReader"/>): a night reads back every kept
/// month of every population, megabytes of JSON, and a document tree of it cost more than the rest of reading them.
/// Each method takes the next token and throws <see cref="FormatException"/> when it is not of the expected kind.
/// </summary>
internal ref struct PayloadTokens(ReadOnlySpan<byte> utf8)
{
    private Utf8JsonReader _reader = new(utf8);

    public JsonTokenType Next()
    {
        if (!_reader.Read())
        {
            throw new FormatException("the kept month ends too soon");
        }

        return _reader.TokenType;
    }

    public void Expect(JsonTokenType type)
    {
        if (Next() != type)
        {
            throw new FormatException($"a kept month holds {_reader.TokenType} where {type} belongs");
        }
    }

    /// <summary>The next token, which is a member name or the end of the object; the name, or null at the end.</summary>
    public string? Member() => Next() switch
    {
        JsonTokenType.PropertyName => _reader.GetString(),
        JsonTokenType.EndObject => null,
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where a member belongs"),
    };

    /// <summary>True at the start of the next element of an array, false at its end.</summary>
    public bool NextElement() => Next() switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.EndArray => false,
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where an array belongs"),
    };

    /// <summary>True when nothing follows the object that was read.</summary>
    public bool AtEnd() => !_reader.Read();

    public int Int()
    {
        Expect(JsonTokenType.Number);
        return _reader.GetInt32();
    }

    public long Long()
    {
        Expect(JsonTokenType.Number);
        return _reader.GetInt64();
    }

    public bool Bool() => Next() switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where true or false belongs"),
    };

    public int? NullableInt() => Next() switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => _reader.GetInt32(),
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where a number belongs"),
    };

    public decimal? NullableDecimal() => Next() switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => _reader.GetDecimal(),
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where a number belongs"),
    };

    public double? NullableDouble() => Next() switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => _reader.GetDouble(),
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where a number belongs"),
    };

    /// <summary>The next number of an array, or null at the array's end.</summary>
    public double? NextNumber() => Next() switch
    {
        JsonTokenType.Number => _reader.GetDouble(),
        JsonTokenType.EndArray => null,
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where a number belongs"),
    };

    /// <summary>A string or null. Grouping values repeat in every bin of a month: each distinct one is made once.</summary>
    public string? NullableText(Dictionary<string, string> seen) => Next() switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => Seen(seen, _reader.GetString()!),
        JsonTokenType other => throw new FormatException($"a kept month holds {other} where text belongs"),
    };

    private static string Seen(Dictionary<string, string> seen, string text)
    {
        if (seen.TryGetValue(text, out string? made))
        {
            return made;
        }

        seen[text] = text;
        return text;
    }
}

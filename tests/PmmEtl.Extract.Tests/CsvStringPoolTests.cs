using PmmEtl.Extract.Csv;

namespace PmmEtl.Extract.Tests;

/// <summary>The pool may save strings, never change one: every answer must equal the text asked for.</summary>
public sealed class CsvStringPoolTests
{
    [Fact]
    public void The_same_text_gives_the_same_string_and_different_texts_different_strings()
    {
        var pool = new CsvStringPool();
        string office = pool.Get("USNYC1");
        Assert.Equal("USNYC1", office);
        Assert.Same(office, pool.Get("USNYC1".ToCharArray()));
        Assert.Equal("USJFK1", pool.Get("USJFK1"));
        Assert.Equal("USNYC1 ", pool.Get("USNYC1 "));
        Assert.Equal("usnyc1", pool.Get("usnyc1"));
        Assert.Same(string.Empty, pool.Get(""));
        Assert.Equal(4, pool.Count);
    }

    [Fact]
    public void Texts_whose_hashes_all_collide_still_get_their_own_strings()
    {
        // Every text hashes alike: only the comparison of the whole text tells them apart.
        var pool = new CsvStringPool(_ => 42);
        string[] texts = Enumerable.Range(0, CsvStringPool.MaxProbes + 10).Select(i => $"T{i:D5}").ToArray();
        string[] first = texts.Select(t => pool.Get(t)).ToArray();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < texts.Length; i++)
            {
                string again = pool.Get(texts[i]);
                Assert.Equal(texts[i], again);
                if (i < CsvStringPool.MaxProbes)
                {
                    Assert.Same(first[i], again); // pooled: the first MaxProbes fit in the probe run
                }
            }
        }

        Assert.Equal(CsvStringPool.MaxProbes, pool.Count);
    }

    [Fact]
    public void Texts_of_the_same_length_and_hash_but_other_characters_are_never_confused()
    {
        var pool = new CsvStringPool(text => text.Length);
        Assert.Equal("ABCDEF", pool.Get("ABCDEF"));
        Assert.Equal("ABCDEG", pool.Get("ABCDEG"));
        Assert.Equal("FEDCBA", pool.Get("FEDCBA"));
        Assert.Equal("ABCDEF", pool.Get("ABCDEF"));
        Assert.Equal("ABCDEG", pool.Get("ABCDEG"));
    }

    [Fact]
    public void A_column_with_more_distinct_texts_than_the_pool_holds_still_reads_every_text_right()
    {
        var pool = new CsvStringPool();
        int distinct = CsvStringPool.MaxEntries + 20_000;
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < distinct; i++)
            {
                string text = $"US{i:D9}";
                Assert.Equal(text, pool.Get(text));
            }
        }

        Assert.Equal(CsvStringPool.MaxEntries, pool.Count);
    }

    [Fact]
    public void A_long_text_is_not_pooled_but_read_right()
    {
        var pool = new CsvStringPool();
        string text = new('x', CsvStringPool.MaxLength + 1);
        string first = pool.Get(text);
        Assert.Equal(text, first);
        Assert.NotSame(first, pool.Get(text));
        Assert.Equal(0, pool.Count);
    }
}

using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Tests;

public sealed class SeenIdsTests
{
    [Fact]
    public void An_id_met_before_is_always_seen_and_few_new_ids_are_taken_for_seen()
    {
        var seen = new SeenIds();
        const int Ids = 200_000;
        int falseSeen = 0;
        for (int i = 0; i < Ids; i++)
        {
            if (!seen.Add($"IM2025-{i:D9}"))
            {
                falseSeen++;
            }
        }

        for (int i = 0; i < Ids; i += 997)
        {
            Assert.False(seen.Add($"IM2025-{i:D9}"));
        }

        // With 2^28 bits and 7 probes the expected rate at 200,000 ids is about 1e-17: none should occur, and a
        // handful would only send rows through staging, never lose or duplicate one.
        Assert.True(falseSeen <= 2, $"{falseSeen} new ids taken for seen");
    }
}

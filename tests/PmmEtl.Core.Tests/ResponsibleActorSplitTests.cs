using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Tests;

public sealed class ResponsibleActorSplitTests
{
    private static Instant At(int hour, int minute = 0) => Instant.FromUtc(2025, 4, 10, hour, minute);

    [Fact]
    public void Import_business_until_lodgement_then_oga_until_permit_then_customs_until_release()
    {
        // arrival 10:00, lodged 11:00, permit 13:00, release 14:30 → 60 / 120 / 90 of 270.
        ActorSplit s = ResponsibleActorSplit.Compute(At(10), At(14, 30), At(10), At(11), At(13), At(14, 30));
        Assert.Equal(new ActorSplit(270, 60, 120, 90), s);
    }

    [Fact]
    public void A_pre_arrival_lodgement_gives_no_business_time_instead_of_a_negative_one()
    {
        // lodged the evening before arrival at 06:00, released 12:00.
        ActorSplit s = ResponsibleActorSplit.Compute(At(6), At(12), At(6), Instant.FromUtc(2025, 4, 9, 20, 0), null, At(12));
        Assert.Equal(new ActorSplit(360, 0, 0, 360), s);
    }

    [Fact]
    public void Export_time_after_release_until_loading_is_business_time()
    {
        // lodged 10:00, goods arrived 09:00, permit 12:00, release 13:00, loaded 13:30 → 30 business, 120 OGA, 60 Customs.
        ActorSplit s = ResponsibleActorSplit.Compute(At(10), At(13, 30), At(9), At(10), At(12), At(13));
        Assert.Equal(new ActorSplit(210, 30, 120, 60), s);
    }

    [Fact]
    public void A_permit_issued_after_release_is_clamped_so_parts_still_add_up()
    {
        ActorSplit s = ResponsibleActorSplit.Compute(At(10), At(12), At(10), At(10), At(15), At(12));
        Assert.Equal(new ActorSplit(120, 0, 120, 0), s);
    }
}

using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Core.Tests.Storage;

public sealed class StoredTimeTests
{
    [Fact]
    public void A_moment_is_kept_to_the_microsecond_as_PostgreSQL_stores_it()
    {
        var moment = Instant.FromUnixTimeTicks(17_645_000_001_234_567);

        Assert.Equal(Instant.FromUnixTimeTicks(17_645_000_001_234_560), WriteSession.AsStored(moment));
        Assert.Equal(WriteSession.AsStored(moment), WriteSession.AsStored(WriteSession.AsStored(moment)));
    }
}

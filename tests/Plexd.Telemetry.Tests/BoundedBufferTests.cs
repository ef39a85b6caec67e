using Xunit;

namespace Plexd.Telemetry.Tests;

public sealed class BoundedBufferTests
{
    [Fact]
    public void Full_EvictsExactlyTheOldestAndCountsThem()
    {
        var buffer = new BoundedBuffer<int>(3);
        for (int i = 1; i <= 5; i++)
        {
            buffer.Add(i);
        }

        Assert.Equal([3, 4, 5], buffer.Peek(10).Entries);
        Assert.Equal(2, buffer.Dropped);
    }

    [Fact]
    public void Acknowledge_AfterEvictionDuringFlight_KeepsNewerEntries()
    {
        var buffer = new BoundedBuffer<int>(3);
        buffer.Add(1);
        buffer.Add(2);
        var inFlight = buffer.Peek(2);
        buffer.Add(3);
        buffer.Add(4); // evicts 1, which is in flight

        buffer.Acknowledge(inFlight);

        Assert.Equal([3, 4], buffer.Peek(10).Entries);
    }

    [Fact]
    public async Task WaitFor_CompletesWhenTheCountIsReached()
    {
        var buffer = new BoundedBuffer<int>(10);
        var waiting = buffer.WaitForAsync(2, TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);
        buffer.Add(1);
        Assert.False(waiting.IsCompleted);
        buffer.Add(2);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

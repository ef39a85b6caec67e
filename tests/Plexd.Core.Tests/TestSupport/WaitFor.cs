namespace Plexd.Core.Tests.TestSupport;

/// <summary>Waits on a condition with a deadline instead of sleeping.</summary>
internal static class WaitFor
{
    public static async Task ConditionAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"condition not met in time{(because is null ? "" : ": " + because)}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }
}

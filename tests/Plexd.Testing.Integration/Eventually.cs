using System.Diagnostics;

namespace Plexd.Testing.Integration;

/// <summary>Waits for a condition with a deadline instead of sleeping; the timeout message names what was awaited.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> (default 60 s) passes.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        long start = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(start) > limit)
            {
                throw new TimeoutException($"not within {limit.TotalSeconds:0}s: {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}

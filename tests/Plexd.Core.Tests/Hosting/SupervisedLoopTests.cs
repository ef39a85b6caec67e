using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Hosting;
using Xunit;

namespace Plexd.Core.Tests.Hosting;

public sealed class SupervisedLoopTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task AFailingLoop_StartsAgain_UntilItEndsNormally()
    {
        int runs = 0;
        await SupervisedLoop.RunAsync("test", _ => ++runs < 3 ? throw new InvalidOperationException("bug") : Task.CompletedTask,
            Pause, TimeProvider.System, NullLogger.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task Stopping_EndsTheLoopWithoutAnError_EvenWhileItWaitsToRestart()
    {
        using var stopping = new CancellationTokenSource();
        int runs = 0;
        var supervised = SupervisedLoop.RunAsync("test", _ =>
        {
            runs++;
            throw new InvalidOperationException("always");
        }, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance, stopping.Token);
        await stopping.CancelAsync();
        await supervised.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ACancellationNotCausedByStopping_IsAFailure_AndTheLoopStartsAgain()
    {
        int runs = 0;
        await SupervisedLoop.RunAsync("test", _ => ++runs == 1 ? throw new TaskCanceledException("connect timeout") : Task.CompletedTask,
            Pause, TimeProvider.System, NullLogger.Instance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, runs);
    }
}

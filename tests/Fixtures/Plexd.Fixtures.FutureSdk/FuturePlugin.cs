namespace Plexd.Fixtures.FutureSdk;

public sealed class FuturePlugin : Plexd.Sdk.IFutureContract
{
    public void Run()
    {
    }
}

namespace Plexd.Sdk;

public interface IFutureContract
{
    void Run();
}

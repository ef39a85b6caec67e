namespace Plexd.Core.ControlPlane;

/// <summary>
/// The single publisher of the bearer token (bootstrap token while registering, node secret key afterwards).
/// Long-lived connections subscribe and reconnect when it changes (after re-registration or key rotation).
/// </summary>
public sealed class NodeCredentials
{
    private readonly Lock _gate = new();
    private string _token = "";
    private Action? _changed;

    /// <summary>The token sent as <c>Authorization: Bearer</c>; empty sends no header.</summary>
    public string Token
    {
        get
        {
            lock (_gate)
            {
                return _token;
            }
        }
    }

    /// <summary>Replaces the token and tells every subscriber, if it changed.</summary>
    public void Publish(string token)
    {
        Action? changed;
        lock (_gate)
        {
            if (_token == token)
            {
                return;
            }

            _token = token;
            changed = _changed;
        }

        changed?.Invoke();
    }

    /// <summary>Calls <paramref name="onChanged"/> after each change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action onChanged)
    {
        lock (_gate)
        {
            _changed += onChanged;
        }

        return new Subscription(this, onChanged);
    }

    private sealed class Subscription(NodeCredentials owner, Action onChanged) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._changed -= onChanged;
            }
        }
    }
}

namespace Plexd.Plugins.Policy;

/// <summary>The verdict for mesh traffic that no policy rule matches (<c>policy.default</c>).</summary>
public enum DefaultVerdict
{
    /// <summary>Drop it (the default: only what a policy allows passes).</summary>
    Deny,

    /// <summary>Let it through; only <c>deny</c> rules drop.</summary>
    Allow,
}

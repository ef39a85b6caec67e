namespace Plexd.Core.Identity;

/// <summary>A bootstrap token and where it came from. <see cref="ToString"/> never shows the value.</summary>
/// <param name="Value">The validated token.</param>
/// <param name="Source">Human description of the source, for logs.</param>
/// <param name="FileToDelete">The token file to delete after a successful registration, if the token came from one.</param>
public sealed record BootstrapToken(string Value, string Source, string? FileToDelete)
{
    /// <inheritdoc/>
    public override string ToString() => $"bootstrap token from {Source}";
}

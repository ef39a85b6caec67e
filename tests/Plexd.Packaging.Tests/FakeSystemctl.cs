using Plexd.Core.Systemd;

namespace Plexd.Packaging.Tests;

/// <summary>
/// A <c>systemctl</c> script in a scratch directory that appends its arguments to <see cref="Calls"/> and exits 0,
/// except for the verbs told to fail (with that output on stderr and that exit code).
/// </summary>
internal sealed class FakeSystemctl : IDisposable
{
    private readonly string _callsFile;

    public FakeSystemctl(params (string Verb, int ExitCode, string Output)[] failures)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("plexd-systemctl-").FullName;
        _callsFile = Path.Combine(Directory, "calls");
        string cases = string.Concat(failures.Select(f => $"  {f.Verb}) printf '%s\\n' '{f.Output}' >&2; exit {f.ExitCode} ;;\n"));
        string script = Path.Combine(Directory, "systemctl");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> '{_callsFile}'\ncase \"$1\" in\n{cases}esac\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>The directory holding the script (put it first on PATH).</summary>
    public string Directory { get; }

    /// <summary>PATH with <see cref="Directory"/> first.</summary>
    public string SearchPath => $"{Directory}:{Environment.GetEnvironmentVariable("PATH")}";

    /// <summary>An adapter that finds this script.</summary>
    public Systemctl Systemctl => new(SearchPath);

    /// <summary>Each call's arguments, in order.</summary>
    public IReadOnlyList<string> Calls => File.Exists(_callsFile) ? File.ReadAllLines(_callsFile) : [];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

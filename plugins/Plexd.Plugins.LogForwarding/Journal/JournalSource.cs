using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.LogForwarding.Journal;

/// <summary>
/// The <c>journald</c> source: runs <c>journalctl -o json --follow</c> from the saved cursor, applies the unit filter,
/// and saves the cursor (<c>{data_dir}/logfwd/journal.cursor</c>) at most once a second and when it stops. When
/// journalctl exits or cannot start, it is started again after a growing pause (5 s up to 60 s).
/// </summary>
internal sealed class JournalSource(LogOptions options, LogPipeline pipeline, TimeProvider time, ILogger<JournalSource> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(60);

    private string _cursorPath = "";
    private string _savedCursor = "";
    private DateTimeOffset _savedAt;
    private long _read;

    /// <summary>The cursor after the last entry read, or empty.</summary>
    public string Cursor { get; private set; } = "";

    /// <summary>Journal entries read, since start.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Why journalctl is not running, or null while it is.</summary>
    public string? Error { get; private set; }

    /// <summary>Loads the saved cursor from <paramref name="dataDirectory"/>.</summary>
    public void Load(string dataDirectory)
    {
        _cursorPath = Path.Combine(dataDirectory, "logfwd", "journal.cursor");
        _savedCursor = Cursor = File.Exists(_cursorPath) ? File.ReadAllText(_cursorPath).Trim() : "";
    }

    /// <summary>The journalctl arguments for the current cursor.</summary>
    public IReadOnlyList<string> Arguments()
    {
        List<string> arguments = ["--output=json", "--follow", "--no-pager", "--all"];
        if (Cursor.Length > 0)
        {
            arguments.AddRange(["--after-cursor=" + Cursor, "--no-tail"]);
        }
        else
        {
            arguments.Add(options.StartAt == "end" ? "--lines=0" : "--no-tail");
        }

        if (options.JournalDirectory.Length > 0)
        {
            arguments.Add("--directory=" + options.JournalDirectory);
        }

        return arguments;
    }

    /// <summary>Follows the journal until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        try
        {
            while (true)
            {
                long before = Read;
                await FollowAsync(cancellationToken).ConfigureAwait(false);
                retry = Read > before ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                logger.JournalctlStopped(Error ?? "exited", retry);
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SaveCursor(force: true);
        }
    }

    /// <summary>Handles one line of journalctl output.</summary>
    public void Accept(ReadOnlySpan<byte> line)
    {
        JournalEntryParser.Parsed parsed;
        try
        {
            parsed = JournalEntryParser.Parse(line, pipeline.Hostname, pipeline.LineLimit);
        }
        catch (JsonException ex)
        {
            logger.JournalLineUnreadable(ex.Message);
            return;
        }

        Interlocked.Increment(ref _read);
        if (parsed.Cursor.Length > 0)
        {
            Cursor = parsed.Cursor;
        }

        if (pipeline.Filter.PassesUnit(parsed.Entry.Unit))
        {
            pipeline.Offer(parsed.Entry);
        }
        else
        {
            pipeline.CountFiltered();
        }

        SaveCursor(force: false);
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Journalctl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            Error = $"cannot run {options.Journalctl}: {ex.Message}";
            return;
        }

        Error = null;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await ReadLinesAsync(process.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string stderr = (await errors.ConfigureAwait(false)).Trim();
            Error = $"journalctl exited with {process.ExitCode}" + (stderr.Length > 0 ? ": " + stderr.Split('\n')[^1] : "");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task ReadLinesAsync(Stream output, CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[64 * 1024];
        var pending = new MemoryStream();
        int read;
        while ((read = await output.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var data = chunk.AsSpan(0, read);
            int newline;
            while ((newline = data.IndexOf((byte)'\n')) >= 0)
            {
                if (pending.Length > 0)
                {
                    pending.Write(data[..newline]);
                    Accept(pending.GetBuffer().AsSpan(0, (int)pending.Length));
                    pending.SetLength(0);
                }
                else
                {
                    Accept(data[..newline]);
                }

                data = data[(newline + 1)..];
            }

            pending.Write(data);
        }
    }

    private void SaveCursor(bool force)
    {
        var now = time.GetUtcNow();
        if (_cursorPath.Length == 0 || Cursor == _savedCursor || (!force && now - _savedAt < TimeSpan.FromSeconds(1)))
        {
            return;
        }

        try
        {
            AtomicFile.Write(_cursorPath, Encoding.UTF8.GetBytes(Cursor + "\n"));
            _savedCursor = Cursor;
            _savedAt = now;
        }
        catch (IOException ex)
        {
            logger.CursorNotSaved(ex.Message);
        }
    }
}

using Plexd.Cli;

return await PlexdCommandLine.InvokeAsync(args, Console.Out, Console.Error);

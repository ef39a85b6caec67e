using Microsoft.Extensions.Hosting;

// Nothing but the generic host waiting for SIGTERM: the cheapest .NET service plexd can be compared with.
await Host.CreateApplicationBuilder(args).Build().RunAsync();

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trading.Benchmarks.Runtime.TestGrains;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;

namespace Trading.Benchmarks.Runtime;

/// <summary>
/// A silo process hosting the counter test grain against Kafka and Redis, for kill tests and runtime
/// load runs: <c>dotnet Benchmarks.dll test-silo --Cluster:ClusterId=X --Counter:InputTopic=T [--Counter:EventsTopic=E]</c>.
/// Prints READY once started; stops gracefully on SIGTERM; a SIGKILL is a crash.
/// </summary>
public static class TestSiloHost
{
    public static int Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
        builder.Configuration.AddPlatformSources(args);
        builder.Logging.AddFilter((category, l) => l >= LogLevel.Warning || (l >= LogLevel.Information && category?.StartsWith("Trading.Runtime") == true)).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddKafkaRedisProviders();
        var input = builder.Configuration["Counter:InputTopic"] ?? throw new ArgumentException("--Counter:InputTopic is required");
        builder.Services.AddCounterGrain(input, builder.Configuration["Counter:EventsTopic"]);
        builder.Services.AddSiloRuntime();
        using var host = builder.Build();
        host.Start();
        Console.WriteLine("READY");
        host.WaitForShutdown();
        return 0;
    }

    /// <summary>
    /// A silo on Kafka and Redis hosting the counter grain on <c>Counter:InputTopic</c> (events to
    /// <c>Counter:EventsTopic</c> if set). Runtime logs at <paramref name="runtimeLogLevel"/>, others at Warning.
    /// </summary>
    public static IHost Build(IConfiguration configuration, LogLevel runtimeLogLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddFilter((category, l) => l >= LogLevel.Warning || (l >= runtimeLogLevel && category?.StartsWith("Trading.Runtime") == true))
            .AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddPlatformOptions(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddKafkaRedisProviders();
        var input = builder.Configuration["Counter:InputTopic"] ?? throw new ArgumentException("Counter:InputTopic is required");
        builder.Services.AddCounterGrain(input, builder.Configuration["Counter:EventsTopic"]);
        builder.Services.AddSiloRuntime();
        return builder.Build();
    }
}

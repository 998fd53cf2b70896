using Microsoft.Extensions.DependencyInjection;
using Trading.Runtime.Hosting;

namespace Trading.Benchmarks.Runtime.TestGrains;

public static class CounterGrainRegistration
{
    public static IServiceCollection AddCounterGrain(this IServiceCollection services, string inputTopic, string? eventsTopic) =>
        services
            .AddSingleton(new CounterGrainSettings(eventsTopic))
            .AddGrain<ICounterGrain, CounterGrain>(CounterGrain.TypeName, inputTopic, m => m
                .Register<Increment>().Register<GetCount>().Register<CountReply>()
                .Register<StartTicking>().Register<StopTicking>().Register<Counted>());
}

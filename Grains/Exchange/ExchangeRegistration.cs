using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trading.Grains.Interfaces.Exchange;
using Trading.Runtime.Configuration;
using Trading.Runtime.Hosting;
using Trading.Runtime.Streams;

namespace Trading.Grains.Exchange;

/// <summary>Hosts the exchange's grains in a silo.</summary>
public static class ExchangeRegistration
{
    /// <summary>
    /// Registers the OrderBook, Position and SymbolRegistry grains, and the forwarder that makes the book's
    /// per-user events (<c>positions.fills</c>) part of the Position grains' single input log.
    /// </summary>
    public static IServiceCollection AddExchangeGrains(this IServiceCollection services, TopicOptions topics, string clusterId)
    {
        services
            .AddGrain<IOrderBookGrain, OrderBookGrain>(ExchangeGrainTypes.OrderBook, topics.OrdersCommands, ExchangeGrainTypes.OrderBookMessages)
            .AddGrain<IPositionGrain, PositionGrain>(ExchangeGrainTypes.Position, topics.OrdersRequests, ExchangeGrainTypes.PositionMessages)
            .AddGrain<ISymbolRegistryGrain, SymbolRegistryGrain>(ExchangeGrainTypes.SymbolRegistry, topics.SymbolCommands,
                ExchangeGrainTypes.SymbolRegistryMessages);
        services.AddHostedService(sp => new StreamForwarder(sp.GetRequiredService<IMessageLog>(),
            $"{clusterId}.forward.{topics.PositionsFills}", topics.PositionsFills, topics.OrdersRequests,
            sp.GetRequiredService<ILogger<StreamForwarder>>()));
        return services;
    }
}

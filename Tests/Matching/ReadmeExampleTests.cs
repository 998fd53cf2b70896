using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Tests.Matching;

/// <summary>The README's order book example, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_trades_four_lots_at_the_makers_price()
    {
        var spec = new SymbolSpec { Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT",
            TickSize = 0.1m, StepSize = 0.001m, MinQtyLots = 1, MaxQtyLots = 1_000_000,
            MakerFeePpm = 200, TakerFeePpm = 500, MaxLeverage = 100,
            Brackets = [new MaintenanceBracket(0, Money.FromDecimal(50_000m), 100, 4_000, 0)] };
        var book = new OrderBook(spec);
        var events = new List<MatchEvent>();
        var sink = new EventRecorder(events);
        book.Place(PlaceOrder.Limit(orderId: 1, userId: 7, OrderSide.Sell, price: 500_000, quantity: 10, timestamp: 0), ref sink);
        book.Place(PlaceOrder.Market(orderId: 2, userId: 8, OrderSide.Buy, quantity: 4, timestamp: 1), ref sink);

        var trade = Assert.Single(events, e => e.Kind == MatchEventKind.Trade);
        Assert.Equal(2, trade.OrderId);
        Assert.Equal(1, trade.MakerOrderId);
        Assert.Equal(500_000, trade.Price);
        Assert.Equal(4, trade.Quantity);
        Assert.Equal(50_000.0m, spec.TicksToPrice(trade.Price));
        Assert.Equal(0.004m, spec.LotsToQuantity(trade.Quantity));
        Assert.Equal(6, book.Snapshot().Orders.Single().Quantity - book.Snapshot().Orders.Single().FilledQuantity);
    }
}

using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Matching;
using Trading.Grains.Symbols;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>A book's <see cref="OrderBookRecord"/>: its statistics and depth in decimals, the ids of what it holds.</summary>
internal static class BookRecords
{
    public static OrderBookRecord From(SymbolSpec spec, BookSnapshot book, long[] orderIds, long[] stopOrderIds) => new()
    {
        Symbol = spec.Symbol, LastPrice = spec.TicksToPrice(book.LastPrice), HighPrice = spec.TicksToPrice(book.HighPrice),
        LowPrice = spec.TicksToPrice(book.LowPrice), Volume24h = spec.LotsToQuantity(book.Volume24h),
        BuyDepth = Levels(spec, book.BuyDepth), SellDepth = Levels(spec, book.SellDepth), OrderIds = orderIds, StopOrderIds = stopOrderIds,
        MarkPrice = spec.TicksToPrice(book.MarkPrice), QuoteVolume24h = Money.ToDecimal(book.QuoteVolume24h), TradeCount = book.TradeSequence,
        EventSequence = book.EventSequence, LastCommandTime = book.LastCommandTime,
    };

    private static DepthLevelRecord[] Levels(SymbolSpec spec, DepthLevel[] levels)
    {
        var records = new DepthLevelRecord[levels.Length];
        for (var i = 0; i < levels.Length; i++)
            records[i] = new DepthLevelRecord(spec.TicksToPrice(levels[i].Price), spec.LotsToQuantity(levels[i].Quantity), levels[i].OrderCount);
        return records;
    }
}

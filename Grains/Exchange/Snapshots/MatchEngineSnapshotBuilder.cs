using System.Globalization;
using Trading.Grains.Interfaces.Snapshots;
using Trading.Grains.Matching;

namespace Trading.Grains.Exchange.Snapshots;

/// <summary>
/// Turns the grains' captured checkpoint states into the <see cref="MatchEngineSnapshot"/> document: books, orders
/// (each once: the book's copy when a book holds it, else the owner's journal), positions, locks, accounts and
/// symbols converted to decimals with each symbol's spec, memoryStats counted and checksums set. Deterministic:
/// the same capture gives byte-identical JSON (whatever the order of its dictionaries). Pure: no I/O, no clock.
/// </summary>
public static class MatchEngineSnapshotBuilder
{
    public static MatchEngineSnapshot Build(SnapshotCapture capture)
    {
        var symbols = new SnapshotSymbols(capture);
        var users = SortedUsers(capture);
        var bookSymbols = SortedBooks(capture);

        var journal = new OpenJournalOrders(OpenJournalCount(capture, users));
        foreach (var userId in users)
            foreach (var view in capture.Positions[userId].OpenOrders) journal.Add(userId, view);

        var orders = new OrderCollector(OrderCapacity(capture, users, bookSymbols));
        var books = new Dictionary<string, OrderBookRecord>(bookSymbols.Length, StringComparer.Ordinal);
        foreach (var symbol in bookSymbols)
        {
            var state = capture.Books[symbol];
            var spec = state.Spec!;
            var book = state.Book ?? new BookSnapshot { Symbol = spec.Symbol };
            var orderIds = Claim(book.Orders, OrderLocation.Book);
            var stopIds = Claim(book.StopOrders, OrderLocation.StopBook);
            books.Add(spec.Symbol, BookRecords.From(spec, book, orderIds, stopIds));

            long[] Claim(OrderSnapshot[] held, OrderLocation location)
            {
                var ids = new long[held.Length];
                for (var i = 0; i < held.Length; i++)
                {
                    var o = held[i];
                    ids[i] = o.OrderId;
                    orders.Add(OrderRecords.FromBook(spec, o, journal.Claim(o.OrderId, o.UserId), location));
                }
                return ids;
            }
        }
        foreach (var (userId, view) in journal.Unclaimed())
            orders.Add(OrderRecords.FromJournal(symbols.Of(view.Symbol), userId, view));

        var positions = new Dictionary<string, PositionRecord>(PositionCount(capture, users), StringComparer.Ordinal);
        var locks = new List<PositionLockRecord>();
        var accounts = new Dictionary<string, AccountRecord>(users.Length, StringComparer.Ordinal);
        foreach (var userId in users)
        {
            var state = capture.Positions[userId];
            foreach (var view in state.ClosedOrders)
                orders.Add(OrderRecords.FromJournal(symbols.Of(view.Symbol), userId, view));
            if (state.Account is not { } account) continue;
            foreach (var p in account.Positions)
                positions.Add(PositionRecord.KeyOf(userId, p.Symbol), AccountRecords.Position(symbols.Of(p.Symbol), p));
            AccountRecords.Locks(account, symbols, locks);
            accounts.Add(userId.ToString(CultureInfo.InvariantCulture), AccountRecords.Account(account, symbols));
        }

        var symbolRecords = new Dictionary<string, SymbolRecord>(symbols.All.Count, StringComparer.Ordinal);
        foreach (var (symbol, spec) in symbols.All) symbolRecords.Add(symbol, SymbolRecord.From(spec));

        var snapshot = new MatchEngineSnapshot
        {
            SnapshotId = capture.SnapshotId, Timestamp = capture.Timestamp, SnapshotTime = SnapshotJson.IsoTime(capture.Timestamp),
            EngineStatus = capture.EngineStatus, OrderBookSnapshots = books, PositionSnapshots = SortedMaps.Ordinal(positions),
            OrderSnapshots = orders.Sorted(), PositionLockSnapshots = locks, SymbolSnapshots = SortedMaps.Ordinal(symbolRecords),
            KafkaOffsetSnapshots = SortedMaps.Ordinal(capture.KafkaOffsets), AccountSnapshots = SortedMaps.Ordinal(accounts),
            EngineState = capture.EngineState,
        };
        // Sections hashed one after another on the caller's thread: the document is built on a low-priority thread, and the
        // thread pool's threads would hash them at normal priority, beside matching.
        return SnapshotChecksums.Seal(snapshot with { MemoryStats = MemoryStats.Of(snapshot) }, parallel: false);
    }

    private static long[] SortedUsers(SnapshotCapture capture)
    {
        var users = new long[capture.Positions.Count];
        var i = 0;
        foreach (var userId in capture.Positions.Keys) users[i++] = userId;
        Array.Sort(users);
        return users;
    }

    /// <summary>The configured books' symbols in ordinal order (books without a spec hold nothing).</summary>
    private static string[] SortedBooks(SnapshotCapture capture)
    {
        var symbols = new List<string>(capture.Books.Count);
        foreach (var (symbol, state) in capture.Books)
            if (state.Spec is not null) symbols.Add(symbol);
        var sorted = symbols.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static int OpenJournalCount(SnapshotCapture capture, long[] users)
    {
        var count = 0;
        foreach (var userId in users) count += capture.Positions[userId].OpenOrders.Count;
        return count;
    }

    private static int OrderCapacity(SnapshotCapture capture, long[] users, string[] books)
    {
        var count = 0;
        foreach (var symbol in books)
            if (capture.Books[symbol].Book is { } book) count += book.Orders.Length + book.StopOrders.Length;
        foreach (var userId in users)
        {
            var state = capture.Positions[userId];
            count += state.OpenOrders.Count + state.ClosedOrders.Count;
        }
        return count;
    }

    private static int PositionCount(SnapshotCapture capture, long[] users)
    {
        var count = 0;
        foreach (var userId in users) count += capture.Positions[userId].Account?.Positions.Count ?? 0;
        return count;
    }
}

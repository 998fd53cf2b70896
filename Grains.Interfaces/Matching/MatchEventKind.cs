namespace Trading.Grains.Matching;

/// <summary>Kind of a <see cref="MatchEvent"/>.</summary>
public enum MatchEventKind : byte
{
    /// <summary>An order passed validation and entered the book (status NEW; conditional orders wait untriggered).</summary>
    Accepted = 0,
    /// <summary>A command was rejected; <see cref="MatchEvent.Reason"/> says why and <see cref="MatchEvent.Command"/> which command.</summary>
    Rejected = 1,
    /// <summary>A taker traded with a maker at the maker's price.</summary>
    Trade = 2,
    /// <summary>An order (or its remainder) was cancelled.</summary>
    Canceled = 3,
    /// <summary>An order (or its remainder) expired by its time in force, protection bound or self-trade prevention.</summary>
    Expired = 4,
    /// <summary>A resting order's price or quantity changed; <see cref="MatchEvent.PriorityKept"/> says whether it kept its queue place.</summary>
    Amended = 5,
    /// <summary>A conditional order triggered and now enters matching.</summary>
    Triggered = 6,
}

/// <summary>The command an event answers (used on rejections).</summary>
public enum BookCommandKind : byte
{
    Place = 0,
    Cancel = 1,
    CancelAll = 2,
    Amend = 3,
    SetMarkPrice = 4,
}

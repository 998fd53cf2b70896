namespace Trading.Grains.Symbols;

/// <summary>
/// One maintenance-margin bracket as exchanges publish them (e.g. Binance's leverageBracket):
/// a position whose notional lies in (<see cref="NotionalFloor"/>, <see cref="NotionalCap"/>] needs
/// maintenance margin = notional * rate - <see cref="MaintenanceAmount"/> ("cum"), and may use at most
/// <see cref="MaxLeverage"/>. Money amounts are in <see cref="Money.Scale"/> units of the quote asset;
/// the rate is in parts per million.
/// </summary>
public readonly record struct MaintenanceBracket(
    long NotionalFloor,
    long NotionalCap,
    int MaxLeverage,
    long MaintenanceMarginRatePpm,
    long MaintenanceAmount);

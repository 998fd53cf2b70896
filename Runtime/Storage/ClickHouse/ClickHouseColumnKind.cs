namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>The column types the platform's tables use, as <see cref="RowBinaryRows"/> encodes them.</summary>
public enum ClickHouseColumnKind
{
    String,
    DateTime,
    Int64,
    UInt64,
    Int32,
    UInt8,
}

public static class ClickHouseColumnKinds
{
    /// <summary>The kind of a column type name such as "Int64"; anything else is not supported by the row encoder.</summary>
    public static ClickHouseColumnKind Of(ClickHouseColumn column) => column.Type switch
    {
        "String" => ClickHouseColumnKind.String,
        "DateTime" => ClickHouseColumnKind.DateTime,
        "Int64" => ClickHouseColumnKind.Int64,
        "UInt64" => ClickHouseColumnKind.UInt64,
        "Int32" => ClickHouseColumnKind.Int32,
        "UInt8" => ClickHouseColumnKind.UInt8,
        _ => throw new NotSupportedException($"Column {column.Name} has type {column.Type}, which RowBinaryRows does not encode."),
    };
}

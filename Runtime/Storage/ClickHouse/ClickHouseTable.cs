namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>A column: name and ClickHouse type, e.g. ("price", "Int64").</summary>
public sealed record ClickHouseColumn(string Name, string Type);

/// <summary>
/// The wanted shape of a table: its columns and the engine clause (engine, partitioning, sort key). Columns are
/// only ever added, so a newer definition migrates an older table in place.
/// </summary>
public sealed record ClickHouseTable(string Name, IReadOnlyList<ClickHouseColumn> Columns, string Engine)
{
    public string CreateStatement(string database) =>
        $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Name(database)}.{ClickHouseSql.Name(Name)} (" +
        string.Join(", ", Columns.Select(c => $"{ClickHouseSql.Name(c.Name)} {c.Type}")) + $") ENGINE = {Engine}";

    /// <summary>The column names in order, as an INSERT names them: <c>(a, b, c)</c>.</summary>
    public string ColumnList => "(" + string.Join(", ", Columns.Select(c => ClickHouseSql.Name(c.Name))) + ")";
}

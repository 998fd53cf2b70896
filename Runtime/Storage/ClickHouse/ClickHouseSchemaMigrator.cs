using Microsoft.Extensions.Logging;

namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>Creates the database and tables that are missing and adds the columns a table lacks.</summary>
public sealed class ClickHouseSchemaMigrator(ClickHouseClient client, ILogger<ClickHouseSchemaMigrator> logger)
{
    public async Task MigrateAsync(IReadOnlyList<ClickHouseTable> tables, CancellationToken cancellationToken)
    {
        var database = client.Database;
        await client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSql.Name(database)}", cancellationToken).ConfigureAwait(false);
        foreach (var table in tables)
        {
            await client.ExecuteAsync(table.CreateStatement(database), cancellationToken).ConfigureAwait(false);
            var existing = (await client.QueryAsync(
                    $"SELECT name FROM system.columns WHERE database = {ClickHouseSql.String(database)} AND table = {ClickHouseSql.String(table.Name)}",
                    cancellationToken).ConfigureAwait(false))
                .Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
            foreach (var column in table.Columns.Where(c => !existing.Contains(c.Name)))
            {
                await client.ExecuteAsync(
                    $"ALTER TABLE {ClickHouseSql.Name(database)}.{ClickHouseSql.Name(table.Name)} ADD COLUMN {ClickHouseSql.Name(column.Name)} {column.Type}",
                    cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Added column {Column} {Type} to ClickHouse table {Database}.{Table}", column.Name, column.Type, database, table.Name);
            }
        }
        logger.LogInformation("ClickHouse schema of {Database} is current ({Tables} tables)", database, tables.Count);
    }
}

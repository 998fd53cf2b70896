using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Trading.Runtime.Configuration;

namespace Trading.Runtime.Storage.ClickHouse;

/// <summary>
/// The ClickHouse HTTP interface: statements as POST bodies, inserts as a query plus a data body, results as
/// TabSeparated rows. Thread-safe; one instance per process.
/// </summary>
public sealed class ClickHouseClient : IDisposable
{
    private readonly HttpClient _http;

    public ClickHouseClient(IOptions<ClickHouseOptions> options)
    {
        var o = options.Value;
        Database = o.Database;
        _http = new HttpClient { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
        _http.DefaultRequestHeaders.Add("X-ClickHouse-User", o.User);
        if (o.Password.Length > 0) _http.DefaultRequestHeaders.Add("X-ClickHouse-Key", o.Password);
    }

    /// <summary>The configured database that history tables live in.</summary>
    public string Database { get; }

    /// <summary>A table of the configured database, qualified for statement text.</summary>
    public string Table(string name) => $"{ClickHouseSql.Name(Database)}.{ClickHouseSql.Name(name)}";

    /// <summary>Runs a statement that returns nothing of interest (DDL, INSERT ... SELECT).</summary>
    public async Task ExecuteAsync(string statement, CancellationToken cancellationToken) =>
        await SendAsync("/", new StringContent(statement, Encoding.UTF8), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Inserts the rows as one request, naming the columns (so a table whose columns were added in another order still
    /// takes them). The body is sent from the rows' buffer as it is, without a copy.
    /// </summary>
    public async Task InsertAsync(RowBinaryRows rows, CancellationToken cancellationToken)
    {
        var query = $"INSERT INTO {Table(rows.Table.Name)} {rows.Table.ColumnList} FORMAT RowBinary";
        var content = new ReadOnlyMemoryContent(rows.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await SendAsync("/?query=" + Uri.EscapeDataString(query), content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a SELECT and returns its rows, each a list of unescaped TabSeparated fields.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string select, CancellationToken cancellationToken)
    {
        var text = await SendAsync("/", new StringContent(select + " FORMAT TabSeparated", Encoding.UTF8), cancellationToken).ConfigureAwait(false);
        var rows = new List<string[]>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            rows.Add(line.Split('\t').Select(Unescape).ToArray());
        return rows;
    }

    /// <summary>True when the server answers a trivial query.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await QueryAsync("SELECT 1", cancellationToken).ConfigureAwait(false)).Count == 1;
        }
        catch (ClickHouseException)
        {
            return false;
        }
    }

    public static long Long(string field) => long.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private async Task<string> SendAsync(string uri, HttpContent content, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException($"ClickHouse at {_http.BaseAddress} is unreachable: {e.Message}", unreachable: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse at {_http.BaseAddress} did not answer in {_http.Timeout.TotalSeconds} s", unreachable: true, e);
        }
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ClickHouseException($"ClickHouse at {_http.BaseAddress} broke off its answer: {e.Message}", unreachable: true, e);
            }
            if (!response.IsSuccessStatusCode)
                throw new ClickHouseException($"ClickHouse answered {(int)response.StatusCode}: {body.Trim()}", unreachable: false);
            return body;
        }
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (c != '\\' || i + 1 == field.Length) { sb.Append(c); continue; }
            var next = field[++i];
            sb.Append(next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', _ => next });
        }
        return sb.ToString();
    }

    public void Dispose() => _http.Dispose();
}

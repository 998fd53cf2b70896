namespace Trading.Client.Api.Exchange;

/// <summary>Validation errors by field name, returned as a 400 problem+json (<c>errors: {field: [message]}</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = new List<string>(1);
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IResult ToResult(string title = "The request is invalid.") =>
        Results.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), title: title);

    public static IResult Single(string field, string message, int status = StatusCodes.Status400BadRequest, string? title = null) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, statusCode: status,
            title: title ?? "The request is invalid.");
}

namespace Trading.Client.Api.Operations;

/// <summary>
/// The seed's response envelope of the operations endpoints: <c>{code, message, data}</c>. Code 0 ("success") when
/// done; code 1 (HTTP 202) when the change is recorded but not every live silo confirmed it in time. Invalid input
/// stays a 400 problem+json naming the field, and 401/403 come from the gateway's authentication, as everywhere else.
/// </summary>
public sealed record ApiEnvelope(int Code, string Message, object? Data)
{
    public const int Success = 0;
    public const int NotConfirmed = 1;

    public static IResult Ok(object data) => Results.Ok(new ApiEnvelope(Success, "success", data));

    public static IResult Unconfirmed(object data, string message) =>
        Results.Json(new ApiEnvelope(NotConfirmed, message, data), statusCode: StatusCodes.Status202Accepted);
}

namespace Trading.Client.Api.Auth;

/// <summary>Why a signed request was refused: the header (or <c>body</c>) at fault, and the HTTP status to answer.</summary>
public sealed class AuthFailure(string field, string message, int status = StatusCodes.Status401Unauthorized) : Exception(message)
{
    public string Field { get; } = field;

    public int Status { get; } = status;
}

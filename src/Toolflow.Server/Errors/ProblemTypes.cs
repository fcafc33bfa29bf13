namespace Toolflow.Server.Errors;

/// <summary>
/// The RFC 9457 <c>type</c> of statuses ASP.NET Core's defaults leave without one (it knows the RFC 9110 codes,
/// not RFC 6585's 428 and 429), so every problem a client receives names its type.
/// </summary>
internal static class ProblemTypes
{
    public static string? For(int? status) => status switch
    {
        StatusCodes.Status428PreconditionRequired => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        _ => null,
    };
}

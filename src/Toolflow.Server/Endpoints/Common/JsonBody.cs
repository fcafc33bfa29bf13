using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Common;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// Reads a JSON body ourselves rather than through parameter binding: the size limit is enforced
/// whatever server hosts us (Kestrel or the test server), the content type is checked first, and a
/// body the serializer refuses (or an empty one) becomes a 400 whose <c>errors</c> are keyed by JSON pointer.
/// </summary>
internal static class JsonBody
{
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, ApiOptions api, bool allowEmpty = false)
    {
        var empty = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"));
        if (empty && allowEmpty)
        {
            return ([], null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "send JSON with Content-Type: application/json"));
        }

        if (request.ContentLength > api.MaxRequestBodyBytes)
        {
            return (null, TooLarge(api));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > api.MaxRequestBodyBytes)
            {
                return (null, TooLarge(api));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Reads and validates a contract; the value, or the problem to answer.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, ApiOptions api, JsonTypeInfo<T> type, TimeProvider clock)
        where T : class, IValidatedRequest
    {
        var (bytes, problem) = await ReadBytesAsync(request, api);
        if (problem is not null)
        {
            return (null, problem);
        }

        var result = RequestReader.Read<T>(bytes, type, clock);
        return result.IsValid ? (result.Value, null) : (null, Problems.Validation(result.Problems));
    }

    private static ProblemHttpResult TooLarge(ApiOptions api) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the request body is larger than {api.MaxRequestBodyBytes} bytes");
}

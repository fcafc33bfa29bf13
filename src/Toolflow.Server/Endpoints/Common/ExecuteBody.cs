using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>The body of an execute request (<c>{input, idempotencyKey}</c>); an empty body means <c>{}</c>.</summary>
internal static class ExecuteBody
{
    public static async Task<(ExecuteWorkflowRequest Request, IResult? Problem)> ReadAsync(HttpRequest request, ApiOptions api, TimeProvider clock)
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, api, allowEmpty: true);
        if (problem is not null)
        {
            return (new ExecuteWorkflowRequest(null, null), problem);
        }

        if (bytes!.Length == 0)
        {
            return (new ExecuteWorkflowRequest(null, null), null);
        }

        var read = RequestReader.Read(bytes, ContractsJsonContext.Default.ExecuteWorkflowRequest, clock);
        return read.IsValid ? (read.Value!, null) : (new ExecuteWorkflowRequest(null, null), Problems.Validation(read.Problems));
    }
}

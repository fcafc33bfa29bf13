using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Toolflow.Server.Hosting;

/// <summary>
/// The OpenAPI document names the API-key scheme and marks every operation that needs it, so the
/// reference page (Scalar) can send the key and readers see which routes are public.
/// </summary>
internal static class OpenApiSetup
{
    private const string SchemeId = "ApiKey";

    public static IServiceCollection AddToolflowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Toolflow API";
                document.Info.Description = "Workflows, executions, tools, credentials, users and keys. Send 'Authorization: Bearer <api key>'.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key (tf_…); the first start writes one to <DataDirectory>/admin.key.",
                };
                return OpenApiMetricsPath.AddAsync(document);
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
}

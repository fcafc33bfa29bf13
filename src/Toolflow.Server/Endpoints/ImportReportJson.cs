using System.Text.Json;
using System.Text.Json.Serialization;
using Toolflow.Core.Import.Report;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// The import report as the API writes it: camelCase names and enum values. Source-generated, so the
/// ahead-of-time build (docs/headless.md) writes it too.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(ImportReportJson.CamelCase<NodeOutcome>), typeof(ImportReportJson.CamelCase<UnconvertedKind>)])]
[JsonSerializable(typeof(ImportReport))]
internal sealed partial class ImportReportJson : JsonSerializerContext
{
    internal sealed class CamelCase<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
        where TEnum : struct, Enum;
}

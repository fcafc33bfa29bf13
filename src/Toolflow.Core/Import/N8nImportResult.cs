using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import;

/// <summary>The converted definition (null when refused) and the report that accounts for every n8n node.</summary>
public sealed record N8nImportResult(WorkflowDefinition? Definition, ImportReport Report);

using Toolflow.Core.Definitions;

namespace Toolflow.Server.Web.Graph;

/// <summary>A node on the canvas: its definition (every field kept as loaded) and where it sits.</summary>
public sealed class EditorNode(NodeDefinition definition, double x, double y)
{
    public const double Width = 180;
    public const double Height = 64;

    public NodeDefinition Definition { get; set; } = definition;

    public string Id => Definition.Id;

    public double X { get; set; } = x;

    public double Y { get; set; } = y;

    public NodeDefinition ToDefinition() => Definition with { Position = new NodePosition(Math.Round(X), Math.Round(Y)) };
}

namespace Toolflow.Server.Web.Components;

/// <summary>Marks a page rendered as plain HTML without a circuit (sign-in, public links): it works without a session.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaticPageAttribute : Attribute;

using System.Net;
using Bunit;
using Toolflow.Server.Web.Client;
using Toolflow.Server.Web.Components.Shared;

namespace Toolflow.Web.Tests.Shared;

/// <summary>An API problem as a person reads it.</summary>
public sealed class ProblemBannerTests : BunitContext
{
    private static readonly ApiProblem Invalid = new(
        HttpStatusCode.BadRequest,
        "Invalid request",
        "one or more fields are invalid; 'errors' maps each JSON pointer to what is wrong",
        new Dictionary<string, string[]> { ["/name"] = ["is required"] });

    [Fact]
    public void AValidationProblem_PointsAtTheMarkedFields_NotAtJsonPointers()
    {
        var banner = Render<ProblemBanner>(p => p.Add(b => b.Problem, Invalid).Add(b => b.ShowErrors, false));

        Assert.DoesNotContain("JSON pointer", banner.Markup, StringComparison.Ordinal);
        Assert.Contains("Invalid request", banner.Markup, StringComparison.Ordinal);
        Assert.Contains("fields marked in red", banner.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidationProblem_ListedInTheBanner_SaysSo()
    {
        var banner = Render<ProblemBanner>(p => p.Add(b => b.Problem, Invalid));

        Assert.Contains("listed below", banner.Markup, StringComparison.Ordinal);
        Assert.Contains("is required", banner.Find("li").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsAFormShowsOnItsFields_AreNotListed_ButNoOtherIsLost()
    {
        var problem = Invalid with { Errors = new Dictionary<string, string[]> { ["/config/url"] = ["must be a URL"], ["/name"] = ["is already taken"] } };
        var banner = Render<ProblemBanner>(p => p.Add(b => b.Problem, problem).Add(b => b.FieldsUnder, "/config"));

        Assert.Contains("is already taken", banner.Find("li").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("must be a URL", banner.Markup, StringComparison.Ordinal);

        var onlyFields = Render<ProblemBanner>(p => p.Add(b => b.Problem, Invalid with { Errors = new Dictionary<string, string[]> { ["/config/url"] = ["must be a URL"] } }).Add(b => b.FieldsUnder, "/config"));
        Assert.Empty(onlyFields.FindAll("li"));
        Assert.Contains("fields marked in red", onlyFields.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherProblem_KeepsItsDetail()
    {
        var banner = Render<ProblemBanner>(p => p.Add(b => b.Problem, new ApiProblem(HttpStatusCode.Conflict, "Conflict", "the execution already ended", new Dictionary<string, string[]>())));

        Assert.Contains("the execution already ended", banner.Markup, StringComparison.Ordinal);
    }
}

namespace Toolflow.Server.Web.Client;

/// <summary>
/// An id shortened for a page. Toolflow's ids are UUID v7: their first characters are the creation time, the
/// same for everything made in the same minute (two runs of a workflow, a user and their first key), so a short
/// form takes the random end instead. The full id is in the page's address and the element's title.
/// </summary>
public static class ShortId
{
    public static string Of(Guid id) => id.ToString("N")[^8..];
}

using System.Text.RegularExpressions;

namespace Toolflow.Server.Tests.Api;

/// <summary>The UI's sign-in as a browser does it: fetch the form for its antiforgery token, then post the key.</summary>
internal static partial class SessionSignIn
{
    /// <summary>Posts <paramref name="key"/> from <paramref name="browser"/>, a client that keeps cookies (the antiforgery cookie) and does not follow redirects.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string key, string returnUrl = "/workflows")
    {
        var html = await browser.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = TokenField().Match(html).Groups[1].Value;
        return await browser.PostAsync(new Uri("/session/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["apiKey"] = key,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

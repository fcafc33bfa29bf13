using Microsoft.AspNetCore.Components.Authorization;

namespace Toolflow.Server.Web.Session;

/// <summary>The signed-in user's API key, read from the circuit's principal; used only to authorise the UI's API calls.</summary>
internal sealed class SessionKey(AuthenticationStateProvider authentication)
{
    public async Task<string?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(SessionCookie.KeyClaim)?.Value;
    }
}

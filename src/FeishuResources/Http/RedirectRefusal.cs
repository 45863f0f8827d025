using System.Net.Http;

namespace FeishuResources.Http;

/// <summary>
/// Switches off redirects on the token endpoint's primary handler. A 307 or 308 is followed with the same
/// body, so a redirect to another host would hand it the app secret; a redirect then reaches the token
/// client as the answer it is, and is reported as such.
/// </summary>
internal static class RedirectRefusal
{
    /// <summary>Turns off automatic redirects on the handlers that have them; any other primary handler is the app's own.</summary>
    public static void Apply(HttpMessageHandler primaryHandler)
    {
        switch (primaryHandler)
        {
#if NET
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
#endif
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}

namespace FeishuResources;

/// <summary>
/// Creates the <see cref="IFeishuResourceClient"/> of a name registered with
/// <c>services.AddFeishuResources(name, …)</c>; the shape of Azure's <c>IAzureClientFactory&lt;T&gt;</c>.
/// </summary>
/// <remarks>
/// Each name is its own app: its own options, base address, token cache and app ticket store. The
/// rate limit belongs to the app id, so two names of one app share it. Clients are cheap (like typed
/// HttpClients): create one where you need it, there is nothing to dispose.
/// </remarks>
public interface IFeishuResourceClientFactory
{
    /// <summary>Creates a client of the registered <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddFeishuResources</c>; <see cref="string.Empty"/> (<c>Options.DefaultName</c>) is the client registered without a name.</param>
    /// <returns>A client sending through that name's handlers.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="System.InvalidOperationException">No client of that name is registered.</exception>
    IFeishuResourceClient CreateClient(string name);
}

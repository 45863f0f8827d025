using System.Security.Cryptography;
using System.Text;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>The app's Verification Token, compared with the one a push carries without telling by timing how much matched.</summary>
public sealed class VerificationToken
{
    private readonly byte[] _expectedHash;

    /// <summary>Creates the check for one token.</summary>
    /// <param name="token">The app's Verification Token.</param>
    public VerificationToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _expectedHash = Hash(token);
    }

    /// <summary>Whether <paramref name="received"/> is the app's token.</summary>
    /// <param name="received">The token the push carries, or null when it has none.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Matches(string? received)
        // Hashing first gives equal lengths, so not even the length of the token leaks.
        => received is not null && CryptographicOperations.FixedTimeEquals(Hash(received), _expectedHash);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

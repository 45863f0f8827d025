using System.Security.Cryptography;
using System.Text;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Checks <c>X-Lark-Signature</c>: the hex SHA-256 of <c>X-Lark-Request-Timestamp + X-Lark-Request-Nonce +
/// EncryptKey</c> followed by the raw body bytes exactly as received (a re-serialized body would not match).
/// </summary>
public static class FeishuRequestSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string SignatureHeader = "X-Lark-Signature";

    /// <summary>The header carrying the timestamp the signature covers.</summary>
    public const string TimestampHeader = "X-Lark-Request-Timestamp";

    /// <summary>The header carrying the nonce the signature covers.</summary>
    public const string NonceHeader = "X-Lark-Request-Nonce";

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="body"/>.</summary>
    /// <param name="timestamp">The timestamp header's value.</param>
    /// <param name="nonce">The nonce header's value.</param>
    /// <param name="encryptKey">The app's Encrypt Key.</param>
    /// <param name="body">The request body as received.</param>
    /// <param name="signature">The signature header's value, hex in either case.</param>
    /// <returns>Whether it matches; compared in constant time.</returns>
    public static bool IsValid(string timestamp, string nonce, string encryptKey, ReadOnlySpan<byte> body, string signature)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encryptKey);
        ArgumentNullException.ThrowIfNull(signature);
        byte[] claimed;
        try
        {
            // Decoding the hex makes the comparison case-insensitive: Go and Node send lowercase, the doc's C# uppercase.
            claimed = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(timestamp + nonce + encryptKey));
        hash.AppendData(body);
        return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), claimed);
    }
}

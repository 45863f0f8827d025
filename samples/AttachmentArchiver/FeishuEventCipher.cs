using System.Security.Cryptography;
using System.Text;

namespace FeishuResources.Samples.AttachmentArchiver;

/// <summary>
/// Decrypts the <c>encrypt</c> field of a push as Feishu documents it: the key is the SHA-256 of the Encrypt Key,
/// the value is <c>base64(IV ‖ AES-256-CBC ciphertext)</c> with a random 16-byte IV, padded with PKCS7.
/// </summary>
public sealed class FeishuEventCipher
{
    private const int BlockBytes = 16;

    private readonly byte[] _key;

    /// <summary>Creates the cipher for one Encrypt Key.</summary>
    /// <param name="encryptKey">The app's Encrypt Key, as the console shows it.</param>
    public FeishuEventCipher(string encryptKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(encryptKey);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(encryptKey));
    }

    /// <summary>Decrypts <paramref name="encrypted"/>.</summary>
    /// <param name="encrypted">The <c>encrypt</c> value of the body.</param>
    /// <param name="plaintext">The decrypted bytes (JSON, when the push is genuine).</param>
    /// <returns>Whether it decrypted; false for anything that is not base64 of an IV and whole blocks with valid padding.</returns>
    public bool TryDecrypt(string encrypted, out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        plaintext = [];
        byte[] data;
        try
        {
            data = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            return false;
        }

        if (data.Length < 2 * BlockBytes || data.Length % BlockBytes != 0)
        {
            return false;
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        try
        {
            plaintext = aes.DecryptCbc(data.AsSpan(BlockBytes), data.AsSpan(0, BlockBytes), PaddingMode.PKCS7);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

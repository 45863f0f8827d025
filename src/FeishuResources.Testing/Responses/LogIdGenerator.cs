using System;
using System.Globalization;
using System.Security.Cryptography;

namespace FeishuResources.Testing.Responses;

/// <summary>
/// Makes log ids shaped like the platform's: 34 characters, a UTC timestamp <c>yyyyMMddHHmmss</c>
/// followed by 20 upper-case hex digits.
/// </summary>
internal static class LogIdGenerator
{
    public static string Next(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexString(random);
    }
}

using System;
using System.Globalization;

namespace FeishuResources.Testing.Messages;

/// <summary>
/// The emulator's <c>page_token</c>: where the previous page ended (creation time and order of its last message) and in
/// which direction, so a page after new messages arrived neither repeats nor skips one. Opaque to clients.
/// </summary>
internal readonly record struct PageCursor(bool Descending, long CreateTimeMilliseconds, long Sequence)
{
    private const string Prefix = "pt_";

    public static PageCursor After(ListedMessage last, bool descending)
        => new(descending, last.Message.CreateTimeMilliseconds, last.Sequence);

    public static bool TryParse(string token, out PageCursor cursor)
    {
        cursor = default;
        string[] parts = token.StartsWith(Prefix, StringComparison.Ordinal) ? token[Prefix.Length..].Split('_') : [];
        if (parts.Length != 3 || parts[0] is not ("a" or "d")
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long time)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
        {
            return false;
        }

        cursor = new PageCursor(parts[0] == "d", time, sequence);
        return true;
    }

    /// <summary>Whether <paramref name="message"/> comes after the cursor in its direction.</summary>
    public bool IsBefore(ListedMessage message)
    {
        int order = message.CompareTo(new ListedMessage(new EmulatedMessage(string.Empty, string.Empty, string.Empty, null, CreateTimeMilliseconds), Sequence));
        return Descending ? order < 0 : order > 0;
    }

    public override string ToString()
        => Prefix + (Descending ? "d" : "a") + "_" + CreateTimeMilliseconds.ToString(CultureInfo.InvariantCulture) + "_" + Sequence.ToString(CultureInfo.InvariantCulture);
}

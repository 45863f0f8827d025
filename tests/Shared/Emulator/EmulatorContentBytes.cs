using FeishuResources.Testing;

namespace FeishuResources.TestSupport;

/// <summary>The bytes an emulator resource serves, for tests that compare what arrived with what was seeded.</summary>
public static class EmulatorContentBytes
{
    public static byte[] Of(FeishuEmulatorContent content)
    {
        using Stream stream = content.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

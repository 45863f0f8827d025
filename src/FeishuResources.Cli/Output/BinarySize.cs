using System;
using System.Globalization;

namespace FeishuResources.Cli.Output;

/// <summary>
/// Sizes in powers of 1024, labelled as such (KiB, MiB, GiB): 157,286,400 bytes are 150.0 MiB, never "150.0 MB".
/// </summary>
internal static class BinarySize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>The unit <paramref name="bytes"/> reads best in: its power of 1024 and its label.</summary>
    public static (int Power, string Label) UnitFor(double bytes)
    {
        int power = 0;
        while (power < Units.Length - 1 && Math.Abs(bytes) >= Math.Pow(1024, power + 1))
        {
            power++;
        }

        return (power, Units[power]);
    }

    /// <summary>The number alone, in the given unit: whole bytes, else one decimal.</summary>
    public static string Number(double bytes, int power)
        => power == 0
            ? bytes.ToString("0", CultureInfo.InvariantCulture)
            : (bytes / Math.Pow(1024, power)).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Format(double bytes)
    {
        var (power, label) = UnitFor(bytes);
        return Number(bytes, power) + " " + label;
    }
}

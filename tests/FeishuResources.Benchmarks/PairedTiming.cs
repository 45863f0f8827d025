using System.Diagnostics;
using System.Globalization;

namespace FeishuResources.Benchmarks;

/// <summary>
/// The time goals measured in pairs: one raw download and one SDK download of the same size right after
/// each other (which goes first alternates), many times, and the median of the per-pair ratios. On a shared
/// machine the load drifts within a run; BenchmarkDotNet times all raw iterations and then all SDK ones, so
/// a drift lands on one side, while both halves of a pair see the same moment. A quick run's few pairs are
/// printed without a verdict: on a shared machine they swing by more than the goals' margins.
/// </summary>
internal sealed class PairedTiming(int size, int pairs, double maxRatio, string goal, bool judged)
{
    public const string NotJudged = "no verdict: too few pairs to judge (a full run judges)";

    public static PairedTiming[] Goals(bool quick) =>
    [
        new(1024, quick ? 200 : 5000, 1.15, "≤ 1.15× raw time", judged: !quick),
        new(90 * 1024 * 1024, quick ? 4 : 80, 1 / 0.97, "≥ 0.97× raw throughput (≤ 1.031× time)", judged: !quick),
    ];

    public async Task<string> RunAsync()
    {
        var downloads = new DownloadBenchmarks { Size = size };
        await downloads.SetupAsync();
        try
        {
            for (int i = 0; i < Math.Min(pairs, 200); i++)
            {
                await downloads.Raw();
                await downloads.Sdk();
            }

            var raw = new double[pairs];
            var sdk = new double[pairs];
            var ratios = new double[pairs];
            for (int i = 0; i < pairs; i++)
            {
                if (i % 2 == 0)
                {
                    raw[i] = await TimeAsync(downloads.Raw);
                    sdk[i] = await TimeAsync(downloads.Sdk);
                }
                else
                {
                    sdk[i] = await TimeAsync(downloads.Sdk);
                    raw[i] = await TimeAsync(downloads.Raw);
                }

                ratios[i] = sdk[i] / raw[i];
            }

            Array.Sort(raw);
            Array.Sort(sdk);
            Array.Sort(ratios);
            double ratio = Median(ratios);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(size)} | {pairs} | {Format(Median(raw))} | {Format(Median(sdk))} | {ratio:0.000}× | {ratios[pairs / 4]:0.000}–{ratios[pairs * 3 / 4]:0.000} | {goal} | {Verdict(ratio)} |");
        }
        finally
        {
            await downloads.CleanupAsync();
        }
    }

    private string Verdict(double ratio) => !judged ? NotJudged : ratio <= maxRatio ? "met" : "not met";

    private static async Task<double> TimeAsync(Func<Task<long>> download)
    {
        long start = Stopwatch.GetTimestamp();
        await download();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Format(double milliseconds) => milliseconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds * 1000:0.0} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.00} ms");

    private static string Describe(int bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB");
}

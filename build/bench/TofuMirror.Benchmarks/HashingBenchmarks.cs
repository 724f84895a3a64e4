using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using TofuMirror.Engine.Hashing;

namespace TofuMirror.Benchmarks;

/// <summary>
/// h1:/zh: hashing of a 100 MB provider zip against <c>sha256sum</c> of the same bytes (the baseline, run as a
/// process in the same run). Target: h1 at least 0.8x the baseline's throughput.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class HashingBenchmarks
{
    private string _zip = "";

    [GlobalSetup]
    public void Setup() => _zip = BenchmarkFiles.LargeZip();

    [Benchmark(Baseline = true, Description = "sha256sum (process)")]
    public void Sha256Sum()
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", _zip) { RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }

    [Benchmark(Description = "h1: of zip")]
    public string H1OfZip() => PackageHasher.ComputeH1FromZip(_zip).ToString();

    [Benchmark(Description = "zh: of zip")]
    public string ZhOfZip() => PackageHasher.ComputeZipHash(_zip).ToString();
}

using BenchmarkDotNet.Attributes;
using TofuMirror.Model.Locks;

namespace TofuMirror.Benchmarks;

/// <summary>Reading and writing a lock file of 2,000 providers with 30 hashes each (about 5 MB).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public class LockFileBenchmarks
{
    private string _text = "";
    private LockFile _lockFile = LockFile.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkFiles.LargeLockFileText();
        _lockFile = LockFileReader.Read(_text, "bench.lock.hcl").LockFile;
    }

    [Benchmark(Description = "read 2,000-provider lock file")]
    public int Read() => LockFileReader.Read(_text, "bench.lock.hcl").LockFile.Providers.Count;

    [Benchmark(Description = "write 2,000-provider lock file")]
    public int Write() => LockFileWriter.Write(_lockFile).Length;
}

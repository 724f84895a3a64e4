using BenchmarkDotNet.Running;

namespace TofuMirror.Benchmarks;

/// <summary>Run with <c>bash build/bench/run.sh</c> (Release, all benchmarks) or pass BenchmarkDotNet filters.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using System;
using System.Threading;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// An open registry shared by the tests of one class: started by the first test that asks for it, stopped by the
/// class's cleanup; a test asking for it on a machine without docker-registry is skipped.
/// </summary>
internal sealed class ClassRegistry : IDisposable
{
    private readonly Lazy<RegistryProcess> _process = new(() => RegistryProcess.Start(), LazyThreadSafetyMode.ExecutionAndPublication);

    public RegistryProcess Process
    {
        get
        {
            RegistryProcess.RequireBinary();
            return _process.Value;
        }
    }

    public void Dispose()
    {
        if (_process.IsValueCreated) _process.Value.Dispose();
    }
}

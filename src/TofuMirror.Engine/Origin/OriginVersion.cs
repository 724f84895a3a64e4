using System.Collections.Generic;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Origin;

/// <summary>One version an origin offers: its plugin protocols and the platforms it lists.</summary>
public sealed record OriginVersion(ProviderVersion Version, IReadOnlyList<string> Protocols, IReadOnlyList<Platform> Platforms);

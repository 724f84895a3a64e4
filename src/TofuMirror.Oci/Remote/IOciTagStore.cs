using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Remote;

/// <summary>The tag list of one remote repository (<c>/v2/NAME/tags/list</c>).</summary>
public interface IOciTagStore
{
    /// <summary>All tags, following the registry's next-page links to the end.</summary>
    Task<IReadOnlyList<string>> ListAsync(int? pageSize, string? last, CancellationToken cancellationToken);
}

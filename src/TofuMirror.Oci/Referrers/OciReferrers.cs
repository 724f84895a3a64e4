namespace TofuMirror.Oci.Referrers;

/// <summary>The referrers of any store: its own when it has them, the tag schema over it otherwise (a decorating store).</summary>
public static class OciReferrers
{
    public static IOciReferrerStore For(IOciRepositoryStore store)
        => store as IOciReferrerStore ?? new TagSchemaReferrers(store);
}

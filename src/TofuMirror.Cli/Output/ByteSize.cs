using System.Globalization;

namespace TofuMirror.Cli.Output;

/// <summary>Sizes for people, the same in every command: <c>812 B</c>, <c>4.0 KiB</c>, <c>23.5 MiB</c> (JSON keeps bytes).</summary>
internal static class ByteSize
{
    private const long KiB = 1024;
    private const long MiB = KiB * 1024;

    public static string Format(long bytes) => bytes switch
    {
        >= MiB => (bytes / (double)MiB).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= KiB => (bytes / (double)KiB).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}

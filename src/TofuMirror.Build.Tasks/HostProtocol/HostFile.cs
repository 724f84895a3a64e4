using System;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>
/// Reads and writes the host's JSON files with <see cref="DataContractJsonSerializer"/>: it is part of both .NET
/// Framework and .NET, so the net472 task ships nothing besides itself. The <c>version</c> field is read first, so
/// a file of another version is refused as such rather than half-read.
/// </summary>
internal static class HostFile
{
    public static string ToJson<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, Encoding.UTF8, ownsStream: false, indent: true))
            new DataContractJsonSerializer(typeof(T)).WriteObject(writer, value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Throws <see cref="HostFileVersionException"/> for another version, <see cref="FormatException"/> for anything not ours.</summary>
    public static T FromJson<T>(string json, string source) where T : class
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var version = Deserialize<VersionOnly>(bytes, source).Version;
        if (version is null) throw new FormatException($"{source} has no \"version\": it is not a TofuMirror restore host file.");
        if (version != HostContract.Version) throw new HostFileVersionException(source, version.Value);
        return Deserialize<T>(bytes, source);
    }

    public static void Write<T>(T value, string path) => File.WriteAllText(path, ToJson(value), new UTF8Encoding(false));

    public static T Read<T>(string path) where T : class => FromJson<T>(File.ReadAllText(path, Encoding.UTF8), path);

    private static T Deserialize<T>(byte[] json, string source) where T : class
    {
        try
        {
            using var buffer = new MemoryStream(json);
            return new DataContractJsonSerializer(typeof(T)).ReadObject(buffer) as T
                ?? throw new FormatException($"{source} is empty: it is not a TofuMirror restore host file.");
        }
        catch (SerializationException e)
        {
            throw new FormatException($"{source} is not a TofuMirror restore host file: {e.Message}", e);
        }
    }

    [DataContract]
    private sealed class VersionOnly
    {
        [DataMember(Name = "version")]
        public int? Version { get; set; }
    }
}

/// <summary>A host file of another format version: the task and the host it runs come from different TofuMirror.Build packages.</summary>
internal sealed class HostFileVersionException : Exception
{
    public HostFileVersionException(string path, int version)
        : base($"{path} has format version {version}, but this TofuMirror.Build reads version {HostContract.Version}: the restore task and its host come from different TofuMirror.Build versions. Restore the package again (delete it from the NuGet cache).")
    {
        Path = path;
    }

    public string Path { get; }
}

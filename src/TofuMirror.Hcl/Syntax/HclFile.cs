namespace TofuMirror.Hcl.Syntax;

/// <summary>A parsed native-syntax file: its name and its top-level body.</summary>
public sealed class HclFile
{
    public HclFile(string fileName, Body body)
    {
        FileName = fileName;
        Body = body;
    }

    public string FileName { get; }
    public Body Body { get; }
}

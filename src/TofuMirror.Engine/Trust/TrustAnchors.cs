using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Provenance;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// The primary-key fingerprints a reader trusts to vouch for provider releases, read from files that are either an
/// OpenPGP keyring (its primary keys become anchors and their keys are kept) or a list of 40-hex fingerprints
/// (spaces allowed, <c>#</c> starts a comment). A signature counts only when made by a key whose primary fingerprint
/// is an anchor, whether the key came with the evidence or from an anchor keyring: a mirror cannot vouch for itself.
/// </summary>
public sealed class TrustAnchors
{
    /// <summary>Trust anchor files, separated by <see cref="Path.PathSeparator"/>.</summary>
    public const string EnvironmentVariable = "TOFU_MIRROR_TRUSTED_KEYS";

    private TrustAnchors(IReadOnlyCollection<string> fingerprints, OpenPgpKeyring keys)
    {
        Fingerprints = fingerprints;
        Keys = keys;
    }

    /// <summary>No anchors: nothing verifies.</summary>
    public static TrustAnchors Empty { get; } = new(Array.Empty<string>(), OpenPgpKeyring.Empty);

    /// <summary>The anchored primary-key fingerprints, 40 upper-case hex digits each.</summary>
    public IReadOnlyCollection<string> Fingerprints { get; }

    /// <summary>The public keys read from anchor keyrings.</summary>
    public OpenPgpKeyring Keys { get; }

    /// <summary>
    /// Reads every file in <paramref name="paths"/>. Returns null with <see cref="DiagnosticCodes.TrustAnchorsInvalid"/>
    /// errors (naming file and line) when a file cannot be read or has a malformed line.
    /// </summary>
    public static TrustAnchors? Load(IEnumerable<string> paths, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var contents = new List<(string Name, byte[] Content)>();
        var problems = new List<Diagnostic>();
        foreach (var path in paths)
        {
            try
            {
                contents.Add((path, File.ReadAllBytes(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add(Invalid(path, null, $"it cannot be read: {e.Message}"));
            }
        }
        var anchors = Parse(contents, out var parseProblems);
        diagnostics = problems.Concat(parseProblems).ToList();
        return diagnostics.Count == 0 ? anchors : null;
    }

    /// <summary>
    /// The anchors named by <see cref="EnvironmentVariable"/> (read through <paramref name="getVariable"/>, the
    /// environment when null); <see cref="Empty"/> when it is unset or empty.
    /// </summary>
    public static TrustAnchors? LoadFromEnvironment(out IReadOnlyList<Diagnostic> diagnostics, Func<string, string?>? getVariable = null)
    {
        var value = (getVariable ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        var paths = (value ?? "").Split(Path.PathSeparator).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (paths.Count == 0)
        {
            diagnostics = [];
            return Empty;
        }
        return Load(paths, out diagnostics);
    }

    /// <summary>Reads anchors from already loaded files (name for messages, content); see <see cref="Load"/>.</summary>
    public static TrustAnchors? Parse(IEnumerable<(string Name, byte[] Content)> files, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var fingerprints = new SortedSet<string>(StringComparer.Ordinal);
        var keys = OpenPgpKeyring.Empty;
        var problems = new List<Diagnostic>();
        foreach (var (name, content) in files)
        {
            if (LooksLikeKeyring(content))
            {
                if (OpenPgpKeyring.TryRead(content, out var keyring, out var error))
                {
                    keys = keys.Concat(keyring);
                    fingerprints.UnionWith(keyring.Fingerprints);
                }
                else
                {
                    problems.Add(Invalid(name, null, error));
                }
                continue;
            }
            ReadFingerprintList(name, content, fingerprints, problems);
        }
        diagnostics = problems;
        return problems.Count == 0 ? new TrustAnchors(fingerprints, keys) : null;
    }

    /// <summary>
    /// Checks <paramref name="signature"/> over <paramref name="data"/> with the anchored keys among the anchor
    /// keyrings and <paramref name="evidenceKeys"/> (e.g. the keys stored with the evidence).
    /// </summary>
    public SignatureCheck Verify(byte[] data, byte[] signature, OpenPgpKeyring? evidenceKeys, DateTimeOffset now)
    {
        var anchored = Keys.Concat(evidenceKeys ?? OpenPgpKeyring.Empty).WithPrimaryFingerprints(Fingerprints);
        var check = DetachedSignatureVerifier.Verify(data, signature, anchored, now);
        return check.Status == SignatureStatus.NoMatchingKey && anchored.Rings.Count == 0
            ? check with { Problem = "none of the keys offered is a trust anchor" }
            : check;
    }

    /// <summary>
    /// Checks stored provenance: the signature of its SHA256SUMS with the anchored keys among the anchor keyrings and
    /// the keys stored with it (unreadable stored keys count as none).
    /// </summary>
    public SignatureCheck VerifyEvidence(ProvenanceEvidence evidence, DateTimeOffset now)
    {
        var stored = OpenPgpKeyring.TryRead(evidence.PublicKeys, out var keys, out _) ? keys : OpenPgpKeyring.Empty;
        return Verify(evidence.ShaSums, evidence.Signature, stored, now);
    }

    /// <summary>
    /// The diagnostic for a check that did not pass (<see cref="DiagnosticCodes.SignatureNotTrusted"/>, or
    /// <see cref="DiagnosticCodes.OpenPgpDataInvalid"/> for a malformed signature), a
    /// <see cref="DiagnosticCodes.SigningKeyExpired"/> warning for an expired anchored key, null when valid.
    /// <paramref name="subject"/> names what was signed (e.g. provider and version).
    /// </summary>
    public static Diagnostic? Describe(SignatureCheck check, string subject) => check.Status switch
    {
        SignatureStatus.Valid => null,
        SignatureStatus.ValidButKeyExpired => Diagnostic.Warning(
            $"The signature of {Shown(subject)} was made by trusted key {check.SignerKeyId}, which has expired",
            $"{check.Problem}.", null) with { Code = DiagnosticCodes.SigningKeyExpired },
        SignatureStatus.Malformed => Diagnostic.Error(
            $"The signature of {Shown(subject)} is unreadable", $"{Shown(check.Problem ?? "")}.", null) with { Code = DiagnosticCodes.OpenPgpDataInvalid },
        _ => Diagnostic.Error(
            $"The signature of {Shown(subject)} is not made by a trusted key",
            $"{Shown(check.Problem ?? "")} (signed by {check.IssuerKeyId ?? "an unnamed key"}; anchored keys tried: "
            + $"{(check.KeyIdsTried.Count == 0 ? "none" : string.Join(", ", check.KeyIdsTried))}). If you trust the author, add their key's "
            + $"fingerprint to a file named in {EnvironmentVariable}.", null) with { Code = DiagnosticCodes.SignatureNotTrusted },
    };

    // A binary OpenPGP packet starts with a byte whose top bit is set; a UTF-8 byte order mark (EF BB BF) is text.
    private static bool LooksLikeKeyring(byte[] content) =>
        (content.Length > 0 && (content[0] & 0x80) != 0 && content[0] != 0xEF)
        || Encoding.UTF8.GetString(content).Contains("-----BEGIN PGP PUBLIC KEY BLOCK-----");

    private static void ReadFingerprintList(string name, byte[] content, ISet<string> fingerprints, List<Diagnostic> problems)
    {
        var lines = Encoding.UTF8.GetString(content).TrimStart('\uFEFF').Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var comment = line.IndexOf('#');
            var text = (comment >= 0 ? line.Substring(0, comment) : line).Replace(" ", "").Replace("\t", "").TrimEnd('\r');
            if (text.Length == 0) continue;
            if (text.Length != 40 || !text.All(Uri.IsHexDigit))
            {
                problems.Add(Invalid(name, index + 1,
                    $"line {index + 1} is not a 40-hex-digit OpenPGP fingerprint (spaces allowed, # starts a comment) nor is the file an armored keyring: \"{Shown(line.TrimEnd('\r'))}\""));
                continue;
            }
            fingerprints.Add(text.ToUpperInvariant());
        }
    }

    private static Diagnostic Invalid(string file, int? line, string detail) =>
        Diagnostic.Error($"The trust anchor file {Shown(file)} is invalid", $"{detail}.",
            line is { } number ? new SourceRange(file, new SourcePosition(number, 1, 0), new SourcePosition(number, 1, 0)) : SourceRange.StartOf(file))
        with { Code = DiagnosticCodes.TrustAnchorsInvalid };

    private static string Shown(string text)
    {
        var clipped = text.Length > 120 ? text.Substring(0, 120) + "…" : text;
        return LoggingCommandText.Neutralize(new string(clipped.Select(c => char.IsControl(c) ? '?' : c).ToArray()));
    }
}

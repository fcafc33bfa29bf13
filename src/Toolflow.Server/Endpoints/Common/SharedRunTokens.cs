using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// The token a public link's holder gets for the run they started: the link's id and the execution's id,
/// sealed with ASP.NET Data Protection (the key ring every process shares, docs/ui.md), so it is stored
/// nowhere, cannot be forged or pointed at another run, and is worth nothing without the live link it was
/// issued under. Reading a run needs both the link token and this one.
/// </summary>
internal sealed class SharedRunTokens(IDataProtectionProvider provider)
{
    /// <summary>Twice 16 bytes; a sealed payload of it is about 120 characters.</summary>
    private const int PayloadLength = 32;

    /// <summary>Generously above a real token's length: anything longer is refused before any unsealing.</summary>
    public const int MaxLength = 512;

    private readonly IDataProtector protector = provider.CreateProtector("Toolflow.SharedLinks.RunToken.v1");

    public string Issue(Guid shareId, Guid executionId)
    {
        var payload = new byte[PayloadLength];
        shareId.TryWriteBytes(payload.AsSpan(0, 16));
        executionId.TryWriteBytes(payload.AsSpan(16, 16));
        return Base64Url.EncodeToString(protector.Protect(payload));
    }

    /// <summary>The execution a token names when it was issued under <paramref name="shareId"/>; null for anything else.</summary>
    public Guid? ExecutionFor(string runToken, Guid shareId)
    {
        if (runToken.Length is 0 or > MaxLength || !Base64Url.IsValid(runToken))
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = protector.Unprotect(Base64Url.DecodeFromChars(runToken));
        }
        catch (CryptographicException)
        {
            return null; // tampered, truncated, from another server's key ring, or not a run token at all
        }

        return payload.Length == PayloadLength && new Guid(payload.AsSpan(0, 16)) == shareId
            ? new Guid(payload.AsSpan(16, 16))
            : null;
    }
}

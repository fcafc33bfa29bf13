using System.Security.Cryptography;
using System.Text;

namespace Toolflow.Server.Auth;

/// <summary>
/// A random value, new each start and held only in this process's memory, that the UI's own calls to the
/// API carry (<see cref="Header"/>). All of them come from the server's own address, so without it one
/// user whose key was revoked (each click a failed key) would spend the failed-sign-in window of every
/// UI user. It exempts a call from that window only — the key is checked as always. A call that reaches
/// another process (a shared <c>Web:ApiBaseAddress</c>) does not match and is counted like any other.
/// </summary>
internal sealed class UiCallProof
{
    public const string Header = "X-Toolflow-Ui-Call";

    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Value));
}

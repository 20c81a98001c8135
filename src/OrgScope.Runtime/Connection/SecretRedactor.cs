using System;

namespace OrgScope.Runtime.Connection;

/// <summary>
/// Replaces the password wherever it would appear in text bound for an output. Messages are built without it in the
/// first place; this catches what a driver or server might echo back. Passwords under three characters are left
/// alone: masking them would mangle ordinary words in every line.
/// </summary>
public sealed class SecretRedactor(string? secret)
{
    /// <summary>What the password is replaced with.</summary>
    public const string Mask = "***";

    private const int MinimumLength = 3;

    private readonly string? secret = string.IsNullOrEmpty(secret) || secret.Length < MinimumLength ? null : secret;

    /// <summary>A redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new(null);

    /// <summary>The text with every occurrence of the password masked.</summary>
    public string Redact(string text) =>
        secret is null || string.IsNullOrEmpty(text) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
}

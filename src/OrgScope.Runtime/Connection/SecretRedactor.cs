using System;
using System.Collections.Generic;
using System.Linq;

namespace OrgScope.Runtime.Connection;

/// <summary>
/// Replaces the password (and a replica's, when there are replicas) wherever it would appear in text bound for an output. Messages are built without it in the
/// first place; this catches what a driver or server might echo back. Passwords under three characters are left
/// alone: masking them would mangle ordinary words in every line.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What the password is replaced with.</summary>
    public const string Mask = "***";

    private const int MinimumLength = 3;

    private readonly string[] secrets;

    public SecretRedactor(string? secret)
        : this(secret is null ? [] : [secret])
    {
    }

    private SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first, so that a password containing another is masked whole.
        this.secrets = secrets.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>A redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new((string?)null);

    /// <summary>This redactor, also masking <paramref name="secret"/> (a replica's password).</summary>
    public SecretRedactor With(string? secret) => string.IsNullOrEmpty(secret) ? this : new SecretRedactor(secrets.Append(secret));

    /// <summary>The text with every occurrence of each password masked.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

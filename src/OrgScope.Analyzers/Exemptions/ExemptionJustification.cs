using System;
using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// The justification of a reviewed exception: one kind, many texts. Roslyn accepts a reported suppression only
    /// when its descriptor equals one of <see cref="DiagnosticSuppressor.SupportedSuppressions"/>, and descriptor
    /// equality compares the justification; the supported descriptors are read once per suppressor, before any
    /// statement is seen. So equality here means "a reviewed exception's reason" whatever the text, and the text is
    /// each statement's own reason: it is what Roslyn records with the suppression (the SARIF log's
    /// <c>suppressionType</c>).
    /// </summary>
    internal sealed class ExemptionJustification : LocalizableString
    {
        /// <summary>The justification the supported descriptors declare (the kind, not a statement's reason).</summary>
        public static readonly ExemptionJustification Declared = new ExemptionJustification("the reason written with the reviewed exception");

        private readonly string _reason;

        public ExemptionJustification(string reason) => _reason = reason;

        protected override string GetText(IFormatProvider? formatProvider) => _reason;

        protected override int GetHash() => typeof(ExemptionJustification).GetHashCode();

        protected override bool AreEqual(object? other) => other is ExemptionJustification;
    }
}

using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Exemptions;

namespace OrgScope.CodeFixes
{
    /// <summary>
    /// A finding under a reviewed exception (a marker with a reason, [AllowCrossOrg]) is never "fixed": the cross-org
    /// access is deliberate. Hosts that do not run the suppressor (dotnet format) still see the finding; this keeps
    /// bulk fixes away from it.
    /// </summary>
    internal static class ReviewedException
    {
        public static bool IsExempt(Diagnostic diagnostic) => diagnostic.Properties.ContainsKey(Exemption.ReasonProperty);
    }
}

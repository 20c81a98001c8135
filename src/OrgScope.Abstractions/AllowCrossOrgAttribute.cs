using System;

namespace OrgScope
{
    /// <summary>
    /// Exempts the queries of a method or type from the organization-filter rules (system jobs, super-admin tools,
    /// migrations). The reason is required: it is what a reviewer reads.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Constructor
        | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
    public sealed class AllowCrossOrgAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="reason">Why these queries may cross organizations.</param>
        public AllowCrossOrgAttribute(string reason) => Reason = reason;

        /// <summary>Why these queries may cross organizations.</summary>
        public string Reason { get; }
    }
}

using System;

namespace OrgScope
{
    /// <summary>
    /// Marks a membership entity (for example <c>user_organizations</c>): it links a member to an organization,
    /// and one membership per member may be primary. Named in <see cref="OrgScopedAttribute.InferFrom"/> on the
    /// member entity, it yields the member's primary membership's organization.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class OrgMembershipAttribute : Attribute
    {
        /// <summary>The table name; else <c>[Table]</c>, else the naming convention.</summary>
        public string? Table { get; set; }

        /// <summary>The property (use <c>nameof</c>) that references the member entity, e.g. <c>UserId</c>.</summary>
        public string? Member { get; set; }

        /// <summary>The property that references the <c>[OrgRoot]</c> entity, e.g. <c>OrganizationId</c>.</summary>
        public string? Organization { get; set; }

        /// <summary>The boolean property that marks the primary membership, e.g. <c>IsPrimary</c>.</summary>
        public string? Primary { get; set; }
    }
}

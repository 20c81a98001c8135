using System;

namespace OrgScope
{
    /// <summary>
    /// Declares which entity a foreign-key property references, where the naming convention
    /// (<c>UserId</c> references <c>User</c>) does not say it or says it ambiguously.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
    public sealed class ReferencesAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="entity">The referenced entity type.</param>
        public ReferencesAttribute(Type entity) => Entity = entity;

        /// <summary>The referenced entity type.</summary>
        public Type Entity { get; }
    }
}

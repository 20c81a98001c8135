using System;

namespace OrgScope
{
    /// <summary>
    /// Marks the organization entity. Its table is the target of every <c>organization_id</c> foreign key,
    /// and the SQL type of its key is the type of every <c>organization_id</c> column.
    /// Exactly one entity in a compilation carries it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class OrgRootAttribute : Attribute
    {
        /// <summary>The table name; else <c>[Table]</c>, else the naming convention (snake_case plural).</summary>
        public string? Table { get; set; }
    }
}

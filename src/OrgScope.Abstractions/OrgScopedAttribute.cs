using System;

namespace OrgScope
{
    /// <summary>
    /// Marks an entity whose table must carry the organization column, and says where each row's
    /// organization comes from.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    public sealed class OrgScopedAttribute : Attribute
    {
        /// <summary>The table name; else <c>[Table]</c>, else the naming convention (snake_case plural).</summary>
        public string? Table { get; set; }

        /// <summary>The organization column. Default <c>organization_id</c>.</summary>
        public string? Column { get; set; }

        /// <summary>
        /// The ordered sources of a row's organization, each named with <c>nameof</c>:
        /// a property referencing another <c>[OrgScoped]</c> entity (that row's organization),
        /// a property referencing the <c>[OrgRoot]</c> entity (the value itself),
        /// or an <c>[OrgMembership]</c> entity (the member's primary membership).
        /// The first source that yields a value wins; see <see cref="OnConflict"/>.
        /// Empty: the column must already be filled by the application; the backfill reports NULL rows.
        /// </summary>
        public string[]? InferFrom { get; set; }

        /// <summary>What to do when two sources yield different organizations. Default: report, assign nothing.</summary>
        public OrgConflictPolicy OnConflict { get; set; }
    }

    /// <summary>What the backfill does when the sources of one row disagree.</summary>
    public enum OrgConflictPolicy
    {
        /// <summary>Assign nothing; record the row as unresolved (reason: sources disagree) for a person to decide.</summary>
        Report = 0,

        /// <summary>Assign the first source's value, and still record the disagreement in the audit.</summary>
        FirstSourceWins = 1,
    }
}

using System;

namespace OrgScope
{
    /// <summary>
    /// Marks a parameter, property or field that carries SQL text, so that the analyzer checks what reaches it
    /// (a team's own query helpers).
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
    public sealed class SqlAttribute : Attribute
    {
    }
}

using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    internal enum SqlRule
    {
        /// <summary>ORG001: a scoped table is read or changed without a pin.</summary>
        MissingFilter,

        /// <summary>ORG002: an INSERT into a scoped table omits the organization column.</summary>
        InsertWithoutColumn,

        /// <summary>ORG003: the only pin sits under an OR or compares with a literal.</summary>
        BypassableFilter,

        /// <summary>ORG004: INFORMATION_SCHEMA / SHOW COLUMNS / DESCRIBE probe.</summary>
        SchemaProbe,
    }

    internal enum BypassReason
    {
        None,
        UnderOr,
        Literal,

        /// <summary>An UPDATE or DELETE whose filter admits the shared organization ids: it changes rows every organization sees.</summary>
        ChangesSharedRows,
    }

    /// <summary>An insertion into the SQL text that fixes a finding (verified by re-checking the edited SQL).</summary>
    internal readonly struct SqlEdit
    {
        public SqlEdit(int offset, string text)
        {
            Offset = offset;
            Text = text;
        }

        public int Offset { get; }

        public string Text { get; }
    }

    /// <summary>One problem in one SQL text, located by SQL offsets.</summary>
    internal sealed class SqlFinding
    {
        public SqlFinding(SqlRule rule, int start, int end, string subject)
        {
            Rule = rule;
            Start = start;
            End = end;
            Subject = subject;
        }

        public SqlRule Rule { get; }

        public int Start { get; }

        public int End { get; }

        /// <summary>The table as written (ORG001-003) or the probe text (ORG004).</summary>
        public string Subject { get; }

        public string? Alias { get; set; }

        public string Column { get; set; } = string.Empty;

        public BypassReason Reason { get; set; }

        /// <summary>ORG002 on an INSERT with no column list: it sets every column by position, so the organization
        /// column only by a position the statement does not show.</summary>
        public bool NoColumnList { get; set; }

        /// <summary>For <see cref="BypassReason.ChangesSharedRows"/>: the shared ids as configured, for the message.</summary>
        public string? SharedIds { get; set; }

        /// <summary>Edits that fix this finding; empty when no fix is known to be correct.</summary>
        public IReadOnlyList<SqlEdit> Edits { get; set; } = System.Array.Empty<SqlEdit>();

        public override string ToString() => Rule + ":" + Subject + (Alias is null ? string.Empty : " " + Alias) + "@" + Start;
    }
}

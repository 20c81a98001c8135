using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace OrgScope.Scripts.Tests.Portability;

/// <summary>
/// Syntax that runs on MariaDB 10.11 (where the tests run) but not on MySQL 8.0.12+, or not through MySqlConnector:
/// the tests would pass and users on MySQL would fail, so the generated text is checked for it. Comment lines are
/// skipped (they may name what is avoided); string literals are not, because prepared statements live in them.
/// </summary>
internal static class PortableSqlRules
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static readonly IReadOnlyList<(string Name, Regex Pattern)> Rules =
    [
        ("IF NOT EXISTS on ALTER TABLE ADD (MariaDB-only)",
            new(@"\bADD\s+(COLUMN\s+|INDEX\s+|KEY\s+|UNIQUE\s+(INDEX\s+|KEY\s+)?|CONSTRAINT\s+|FOREIGN\s+KEY\s+|PARTITION\s+)?IF\s+NOT\s+EXISTS\b", Options)),
        ("IF EXISTS on ALTER TABLE DROP/MODIFY/CHANGE (MariaDB-only)",
            new(@"\b(DROP|MODIFY|CHANGE)\s+(COLUMN\s+|INDEX\s+|KEY\s+|FOREIGN\s+KEY\s+|CONSTRAINT\s+|PARTITION\s+)?IF\s+EXISTS\b", Options)),
        ("CREATE INDEX IF NOT EXISTS (MariaDB-only)", new(@"\bCREATE\s+(UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\b", Options)),
        ("CREATE OR REPLACE other than VIEW (MariaDB-only)", new(@"\bCREATE\s+OR\s+REPLACE\s+(?!VIEW\b|(ALGORITHM|DEFINER|SQL\s+SECURITY)\b)", Options)),
        ("sequences (MariaDB-only)", new(@"\b(CREATE\s+SEQUENCE|NEXTVAL\s*\(|LASTVAL\s*\(|SETVAL\s*\(|NEXT\s+VALUE\s+FOR|PREVIOUS\s+VALUE\s+FOR)", Options)),
        ("RETURNING (MariaDB-only)", new(@"\bRETURNING\b", Options)),
        ("EXECUTE IMMEDIATE (MariaDB-only)", new(@"\bEXECUTE\s+IMMEDIATE\b", Options)),
        ("SET STATEMENT ... FOR (MariaDB-only)", new(@"\bSET\s+STATEMENT\b", Options)),
        ("ALTER TABLE ... WAIT/NOWAIT (MariaDB-only)", new(@"\bALTER\s+(ONLINE\s+)?TABLE\s+\S+\s+(WAIT\s+\d+|NOWAIT)\b", Options)),
        ("ALTER ONLINE TABLE (MariaDB-only)", new(@"\bALTER\s+ONLINE\s+TABLE\b", Options)),
        ("ALGORITHM=NOCOPY (MariaDB-only)", new(@"\bALGORITHM\s*=\s*NOCOPY\b", Options)),
        ("ALGORITHM=INSTANT other than ADD COLUMN (MySQL before 8.0.29)", new(@"\b(DROP|MODIFY|CHANGE|RENAME)\s+[^;']*\bALGORITHM\s*=\s*INSTANT\b", Options)),
        ("LIMIT in a multi-table UPDATE or DELETE (MariaDB-only)",
            new(@"\b(UPDATE|DELETE)\b[^;]*?(\bJOIN\b|\bUSING\b)[^;]*?\bLIMIT\b|\bUPDATE\s+[^;\s]+(\s+\w+)?\s*,\s*[^;]*?\bLIMIT\b", Options)),
        (":= assignment (deprecated in MySQL 8.0 expressions)", new(@":=", Options)),
        ("SIGNAL (cannot be prepared on MySQL 8.0)", new(@"\b(RE)?SIGNAL\s+SQLSTATE\b", Options)),
        ("DELIMITER (client-only: MySqlConnector cannot run it)", new(@"^\s*DELIMITER\b", Options | RegexOptions.Multiline)),
        ("INTERSECT/EXCEPT (MySQL 8.0.31+)", new(@"\b(INTERSECT|EXCEPT)\b", Options)),
        ("CHECK constraints (MySQL 8.0.16+)", new(@"\bCHECK\s*\(", Options)),
        ("ALTER IGNORE TABLE (removed in MySQL 5.7)", new(@"\bALTER\s+IGNORE\b", Options)),
        ("CREATE TRIGGER IF NOT EXISTS (MySQL 8.0.29+)", new(@"\bCREATE\s+(DEFINER\s*=\s*\S+\s+)?TRIGGER\s+IF\s+NOT\s+EXISTS\b", Options)),
        ("a BEGIN ... END trigger body (needs DELIMITER in the client)", new(@"\bFOR\s+EACH\s+ROW\s+(\w+\s*:\s*)?BEGIN\b", Options)),
    ];

    /// <summary>Each rule a text breaks, with the offending text.</summary>
    public static IReadOnlyList<string> Violations(string sql)
    {
        var code = string.Join("\n", sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", System.StringComparison.Ordinal)));
        var found = new List<string>();
        foreach (var (name, pattern) in Rules)
        {
            var match = pattern.Match(code);
            if (match.Success)
            {
                found.Add($"{name}: {match.Value}");
            }
        }

        return found;
    }
}

using System.Text;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// Quoting and the one guarded-statement shape every script uses. Identifiers reaching here passed
    /// MySqlIdentifier (ASCII letters, digits, _ and $), so quoting is belt and braces, not the only defence.
    /// </summary>
    internal static class SqlText
    {
        /// <summary>The session variable that holds the statement to prepare.</summary>
        public const string StatementVariable = "@orgscope_sql";

        /// <summary>A backtick-quoted identifier.</summary>
        public static string Id(string name) => "`" + name.Replace("`", "``") + "`";

        /// <summary>A single-quoted string literal (quotes doubled: valid with and without NO_BACKSLASH_ESCAPES).</summary>
        public static string Str(string value) => "'" + value.Replace("'", "''") + "'";

        /// <summary>
        /// Runs <paramref name="statement"/> only when <paramref name="condition"/> is true: MySQL has no
        /// ADD COLUMN IF NOT EXISTS, and stored procedures would need DELIMITER, which MySqlConnector lacks.
        /// </summary>
        public static void AppendGuarded(StringBuilder sql, string condition, string statement) =>
            AppendChoice(sql, condition, statement, "DO 0");

        /// <summary>Runs one of two statements, e.g. a query on a table that may not exist yet, or a placeholder row.</summary>
        public static void AppendChoice(StringBuilder sql, string condition, string whenTrue, string whenFalse) =>
            AppendPrepared(sql, $"IF({condition}, {Str(whenTrue)}, {Str(whenFalse)})");

        /// <summary>
        /// Stops the script with <paramref name="messageExpression"/> as the error text when <paramref name="condition"/> holds.
        /// SIGNAL cannot be prepared on MySQL 8.0, so the refusal is a prepared SET of an impossible sql_mode: both servers
        /// fail it with error 1231 "Variable 'sql_mode' can't be set to the value of '&lt;message&gt;'", and the client stops there.
        /// </summary>
        public static void AppendRefusal(StringBuilder sql, string condition, string messageExpression) =>
            AppendPrepared(sql, $"IF({condition}, CONCAT('SET SESSION sql_mode = ', QUOTE({messageExpression})), 'DO 0')");

        private static void AppendPrepared(StringBuilder sql, string statementExpression)
        {
            sql.Append("SET ").Append(StatementVariable).Append(" = ").Append(statementExpression).Append(";\n");
            sql.Append("PREPARE orgscope_stmt FROM ").Append(StatementVariable).Append(";\n");
            sql.Append("EXECUTE orgscope_stmt;\n");
            sql.Append("DEALLOCATE PREPARE orgscope_stmt;\n");
        }

        /// <summary>1 when the column exists (INFORMATION_SCHEMA of the current database).</summary>
        public static string ColumnExists(string table, string column) =>
            $"((SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND COLUMN_NAME = {Str(column)}) > 0)";

        /// <summary>1 when the column exists and is nullable.</summary>
        public static string ColumnIsNullable(string table, string column) =>
            $"((SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND COLUMN_NAME = {Str(column)} AND IS_NULLABLE = 'YES') > 0)";

        /// <summary>1 when some index starts with the column: it already serves the org filter and the FK.</summary>
        public static string IndexLeadingWith(string table, string column) =>
            $"((SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND COLUMN_NAME = {Str(column)} AND SEQ_IN_INDEX = 1) > 0)";

        /// <summary>1 when an index of that name exists on the table.</summary>
        public static string IndexExists(string table, string index) =>
            $"((SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND INDEX_NAME = {Str(index)}) > 0)";

        /// <summary>1 when a foreign key from the column to the root table exists, whatever its name.</summary>
        public static string ForeignKeyTo(string table, string column, string rootTable) =>
            $"((SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND COLUMN_NAME = {Str(column)} AND REFERENCED_TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = {Str(rootTable)}) > 0)";

        /// <summary>1 when a foreign key of that name exists on the table.</summary>
        public static string ForeignKeyExists(string table, string name) =>
            $"((SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)} AND CONSTRAINT_NAME = {Str(name)} AND CONSTRAINT_TYPE = 'FOREIGN KEY') > 0)";

        /// <summary>1 when a trigger of that name exists in the current database.</summary>
        public static string TriggerExists(string name) =>
            $"((SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME = {Str(name)}) > 0)";

        /// <summary>1 when the table exists in the current database.</summary>
        public static string TableExists(string table) =>
            $"((SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {Str(table)}) > 0)";
    }
}

using System.Collections.Generic;
using System.Linq;
using OrgScope.Plan.Rendering.Backfill;
using OrgScope.Plan.Rendering.Sql;
using OrgScope.Model;
using Xunit;

namespace OrgScope.Scripts.Tests.Portability;

/// <summary>Generated SQL holds nothing MariaDB-only (the tests run on MariaDB, users also run MySQL 8.0).</summary>
public sealed class PortabilityTests
{
    public static TheoryData<string> Models() => new() { "sample", "string-key", "long-names", "sourceless", "pt-osc-no-foreign-keys", "gh-ost", "insert-triggers" };

    internal static MigrationModel Model(string name) => name switch
    {
        "sample" => SampleModels.Sample(),
        "pt-osc-no-foreign-keys" => SampleModels.Sample() with { Options = new ScriptOptions(ConstraintStrategy.PtOnlineSchemaChange, ForeignKeys: false, InsertTriggers: false) },
        "gh-ost" => SampleModels.Sample() with { Options = new ScriptOptions(ConstraintStrategy.GhOst, ForeignKeys: true, InsertTriggers: false) },
        "insert-triggers" => SampleModels.Sample() with { Options = ScriptOptions.Default with { InsertTriggers = true } },
        "string-key" => SampleModels.StringKey(),
        "long-names" => SampleModels.LongNames(),
        _ => SampleModels.Sourceless(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_sql_has_no_MariaDB_only_syntax(string model)
    {
        var sqlFiles = SqlScripts.Emit(Model(model)).Where(f => f.Name.EndsWith(".sql", System.StringComparison.Ordinal)).ToList();
        Assert.True(sqlFiles.Count >= 5, string.Join(", ", sqlFiles.Select(f => f.Name)));
        foreach (var file in sqlFiles)
        {
            Assert.Empty(PortableSqlRules.Violations(file.Content).Select(v => file.Name + ": " + v));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Backfill_statements_have_no_MariaDB_only_syntax(string model)
    {
        var migration = Model(model);
        var statements = migration.Tables.SelectMany(t => BackfillSqlEmitter.Emit(migration, t).Select(s => (Table: t.Table, s.Name, s.Sql))).ToList();
        Assert.NotEmpty(statements);
        foreach (var (table, name, sql) in statements)
        {
            Assert.Empty(PortableSqlRules.Violations(sql + ";").Select(v => table + "." + name + ": " + v));
        }
    }

    // Negative controls: every rule fires on the construct it names, so an empty result above means something.
    public static TheoryData<string> MariaDbOnly() => new()
    {
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT;",
        "ALTER TABLE t ADD IF NOT EXISTS c INT;",
        "ALTER TABLE t ADD INDEX IF NOT EXISTS ix (c);",
        "ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS fk FOREIGN KEY (c) REFERENCES o (id);",
        "ALTER TABLE t DROP COLUMN IF EXISTS c;",
        "ALTER TABLE t DROP IF EXISTS c;",
        "ALTER TABLE t DROP INDEX IF EXISTS ix;",
        "ALTER TABLE t DROP FOREIGN KEY IF EXISTS fk;",
        "ALTER TABLE t MODIFY COLUMN IF EXISTS c INT NOT NULL;",
        "DROP INDEX IF EXISTS ix ON t;",
        "CREATE INDEX IF NOT EXISTS ix ON t (c);",
        "CREATE OR REPLACE TABLE t (id INT);",
        "CREATE SEQUENCE s;",
        "SELECT NEXTVAL(s);",
        "SELECT NEXT VALUE FOR s;",
        "DELETE FROM t WHERE id = 1 RETURNING id;",
        "EXECUTE IMMEDIATE 'DO 0';",
        "SET STATEMENT max_statement_time = 1 FOR SELECT 1;",
        "ALTER TABLE t WAIT 5 ADD COLUMN c INT;",
        "ALTER ONLINE TABLE t ADD COLUMN c INT;",
        "ALTER TABLE t ADD COLUMN c INT, ALGORITHM=NOCOPY;",
        "ALTER TABLE t DROP COLUMN c, ALGORITHM=INSTANT;",
        "UPDATE t JOIN u ON u.id = t.u SET t.o = u.o WHERE t.o IS NULL LIMIT 100;",
        "UPDATE t, u SET t.o = u.o WHERE u.id = t.u LIMIT 100;",
        "SELECT @n := @n + 1 FROM t;",
        "SET @s = 'SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''x''';",
        "DELIMITER $$\nCREATE PROCEDURE p() BEGIN END $$",
        "SELECT id FROM a INTERSECT SELECT id FROM b;",
        "ALTER TABLE t ADD CONSTRAINT c CHECK (o > 0);",
        "CREATE TRIGGER IF NOT EXISTS tr BEFORE INSERT ON t FOR EACH ROW SET NEW.o = 1;",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.o = 1; END;",
    };

    [Theory]
    [MemberData(nameof(MariaDbOnly))]
    public void Rules_catch_MariaDB_only_constructs(string sql) => Assert.NotEmpty(PortableSqlRules.Violations(sql));

    public static TheoryData<string> Portable() => new()
    {
        "CREATE TABLE IF NOT EXISTS t (id INT);",
        "DROP TABLE IF EXISTS t;",
        "CREATE OR REPLACE VIEW v AS SELECT 1;",
        "ALTER TABLE t ADD COLUMN c BIGINT NULL, ALGORITHM=INSTANT;",
        "ALTER TABLE t ADD INDEX ix (c), ALGORITHM=INPLACE, LOCK=NONE;",
        "UPDATE t SET o = 1 WHERE id BETWEEN 1 AND 100 LIMIT 100;",
        "SET @n = (SELECT COUNT(*) FROM t);",
        "-- ADD COLUMN IF NOT EXISTS is MariaDB-only, so this file does not use it\nDO 0;",
        "SELECT 'x' AS `check`;",
    };

    [Theory]
    [MemberData(nameof(Portable))]
    public void Rules_accept_portable_constructs(string sql) => Assert.Empty(PortableSqlRules.Violations(sql));
}

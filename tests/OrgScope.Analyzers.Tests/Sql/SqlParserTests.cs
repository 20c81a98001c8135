using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Tests.Sql;

public class SqlParserTests
{
    [Theory]
    [InlineData("SELECT * FROM t")]
    [InlineData("SELECT a, b AS c, d e, 'x' AS `y` FROM t AS t1 WHERE a = 1 GROUP BY a HAVING COUNT(*) > 1 ORDER BY a DESC LIMIT 10, 5")]
    [InlineData("SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y) RIGHT JOIN d ON d.z = c.z CROSS JOIN e NATURAL JOIN f")]
    [InlineData("SELECT * FROM (SELECT 1 AS x) AS d(x)")]
    [InlineData("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r")]
    [InlineData("(SELECT 1) UNION (SELECT 2) ORDER BY 1")]
    [InlineData("SELECT CAST(a AS CHAR(10)), CONVERT(b USING utf8mb4), EXTRACT(YEAR FROM c), GROUP_CONCAT(DISTINCT d ORDER BY d SEPARATOR ', ') FROM t")]
    [InlineData("SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) FROM t")]
    [InlineData("SELECT CASE WHEN a THEN b ELSE c END, INTERVAL 1 DAY + NOW(), a BETWEEN 1 AND 2, a NOT LIKE 'x%' ESCAPE '!' FROM t")]
    [InlineData("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4)) AND c NOT IN (SELECT c FROM u) AND EXISTS (SELECT 1) AND d = ANY (SELECT d FROM v)")]
    [InlineData("UPDATE LOW_PRIORITY t SET a = a + 1, b = DEFAULT WHERE id = ? ORDER BY id LIMIT 1")]
    [InlineData("DELETE QUICK FROM t WHERE id = :id LIMIT 5")]
    [InlineData("DELETE a, b FROM a JOIN b ON a.id = b.id WHERE a.x = 1")]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 2), (3, 4) AS new ON DUPLICATE KEY UPDATE a = new.a")]
    [InlineData("REPLACE t SET a = 1")]
    [InlineData("SELECT * FROM t FOR UPDATE SKIP LOCKED")]
    [InlineData("SELECT a ->> '$.x', b -> '$.y' FROM t USE INDEX (ix) WHERE c COLLATE utf8mb4_bin = 'x'")]
    [InlineData("SELECT _utf8mb4'x', N'y', X'0F', DATE '2020-01-01', TRUE, NULL FROM DUAL")]
    [InlineData("SELECT MATCH(a) AGAINST('x'), MATCH (a, t.b) AGAINST (@q IN NATURAL LANGUAGE MODE) FROM t WHERE MATCH(a) AGAINST('+x -y' IN BOOLEAN MODE)")]
    [InlineData("SELECT * FROM t WHERE MATCH(a) AGAINST(@q WITH QUERY EXPANSION) OR MATCH(a) AGAINST(@q IN NATURAL LANGUAGE MODE WITH QUERY EXPANSION)")]
    [InlineData("SELECT POSITION('a' IN b), POSITION(LOWER(@x) IN CONCAT(b, c)) FROM t WHERE POSITION('a' IN b) > 0 AND b IN (1, 2)")]
    [InlineData("SELECT * FROM t JOIN JSON_TABLE(t.doc, '$[*]' COLUMNS (id FOR ORDINALITY, a INT PATH '$.a' DEFAULT '0' ON EMPTY ERROR ON ERROR, NESTED PATH '$.b[*]' COLUMNS (b TEXT EXISTS PATH '$'))) AS j ON TRUE")]
    [InlineData("DELETE t FROM t, JSON_TABLE(@ids, '$[*]' COLUMNS (id INT PATH '$')) j WHERE t.id = j.id")]
    [InlineData("SELECT * FROM t WHERE id IN @ids AND b NOT IN @others AND c IN ?list? AND d IN :names")]
    [InlineData("SELECT * FROM t WHERE a = {=org} AND b = {0} ORDER BY c LIMIT {=take} OFFSET {1}")]
    [InlineData("UPDATE t SET a = {=value} WHERE id IN @ids")]
    [InlineData("DELETE FROM t WHERE id IN @ids")]
    public void Parses(string sql)
    {
        var result = SqlParser.Parse(sql);
        Assert.Equal(0, result.FailedStatements);
        Assert.Single(result.Statements);
    }

    [Theory]
    [InlineData("SELECT * FROM")]
    [InlineData("SELECT * FROM t WHERE")]
    [InlineData("SELECT (((1)")]
    [InlineData("INSERT INTO t")]
    [InlineData("SELECT * FROM t WHERE MATCH(a) AGAINST 'x'")]
    [InlineData("SELECT * FROM t WHERE MATCH(a) AGAINST('x' IN BOOLEAN MODE WITH QUERY EXPANSION)")]
    [InlineData("SELECT * FROM t WHERE MATCH(a, b) > 0")]
    [InlineData("SELECT * FROM t WHERE POSITION('a', b) > 0")]
    [InlineData("SELECT * FROM JSON_TABLE(@doc COLUMNS (a INT PATH '$')) j")]
    [InlineData("SELECT * FROM JSON_TABLE(@doc, @path COLUMNS (a INT PATH '$')) j")]
    public void Refuses_what_it_does_not_understand(string sql)
    {
        Assert.Equal(1, SqlParser.Parse(sql).FailedStatements);
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE MATCH(")]
    [InlineData("SELECT * FROM t WHERE MATCH(a) AGAINST")]
    [InlineData("SELECT * FROM t WHERE MATCH(a) AGAINST('x' IN")]
    [InlineData("SELECT * FROM t WHERE POSITION('a' IN")]
    [InlineData("SELECT * FROM JSON_TABLE(")]
    [InlineData("SELECT * FROM JSON_TABLE(@doc, '$' COLUMNS (a INT PATH '$'")]
    [InlineData("SELECT * FROM JSON_TABLE(@doc, '$' COLUMNS (a INT PATH '$')")]
    public void Truncated_special_forms_are_refused_not_thrown(string sql)
    {
        Assert.Equal(1, SqlParser.Parse(sql).FailedStatements);
    }

    [Fact]
    public void Json_table_is_a_table_source_of_its_own_beside_the_scoped_table()
    {
        const string sql = "SELECT * FROM tasks t JOIN JSON_TABLE(t.tags, '$[*]' COLUMNS (tag TEXT PATH '$')) AS j ON TRUE";
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql).Statements));
        var join = Assert.IsType<JoinSource>(select.Query.Branches[0].From);
        Assert.Equal("tasks", Assert.IsType<TableRef>(join.Left).Name);
        var json = Assert.IsType<JsonTable>(join.Right);
        Assert.Equal("j", json.Alias);
        Assert.Equal("t.tags", sql.Substring(json.Json.Start, json.Json.End - json.Json.Start));
    }

    [Fact]
    public void Dapper_list_expansion_is_an_in_list_of_one_parameter()
    {
        const string sql = "SELECT * FROM t WHERE id IN @ids";
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql).Statements));
        var inExpr = Assert.IsType<InExpr>(select.Query.Branches[0].Where);
        var value = Assert.IsType<ValueExpr>(Assert.Single(inExpr.List!));
        Assert.Equal(ValueKind.Parameter, value.Kind);
        Assert.Equal("@ids", sql.Substring(value.Start, value.End - value.Start));
    }

    [Theory]
    [InlineData("\uE000 LIMIT 1", 1, 0, 0)]
    [InlineData("SELECT * FROM t \uE000 x = 1", 1, 0, 0)]
    [InlineData("SELECT * FROM \uE000 WHERE id = 1; SELECT FROM", 0, 1, 1)]
    [InlineData("SELECT * FROM t WHERE id = \uE000", 0, 0, 0)]
    [InlineData("SELECT * FROM t WHERE a = \uE000 AND \uE000", 0, 0, 0)]
    [InlineData("SELECT * FROM t WHERE a = 1 \uE000", 1, 0, 0)]
    // A column named at run time after a qualifier is a value; a table named in backticks or after a schema is a hole table.
    [InlineData("SELECT t.\uE000 FROM t WHERE t.a = 1", 0, 0, 0)]
    [InlineData("SELECT * FROM `\uE000` WHERE id = 1", 0, 0, 1)]
    [InlineData("SELECT * FROM db.\uE000 WHERE id = 1", 0, 0, 1)]
    [InlineData("SELECT * FROM `db`.`\uE000` WHERE id = 1", 0, 0, 1)]
    // BlogEngine.NET's SQL Server text of a provider-dependent statement: the holes are values, the parser stops at [Key].
    [InlineData("select count(*) from t where BlogId = \uE000blogid and [Key] = \uE000key", 0, 1, 0)]
    public void Holes_where_sql_is_needed_are_counted_apart_from_parse_failures(string sql, int unresolved, int failed, int holeTables)
    {
        var result = SqlParser.Parse(sql);
        Assert.Equal((unresolved, failed, holeTables), (result.UnresolvedStatements, result.FailedStatements, result.HoleTables));
    }

    [Fact]
    public void A_value_glued_to_a_table_name_is_the_name_with_a_configured_prefix()
    {
        const string sql = "SELECT p.PostID FROM \uE000Posts p WHERE p.BlogID = \uE000blogid";
        var unknown = SqlParser.Parse(sql);
        Assert.Equal((0, 0, 1), (unknown.FailedStatements, unknown.UnresolvedStatements, unknown.HoleTables));

        var known = SqlParser.Parse(sql, new[] { "be_" });
        var select = Assert.IsType<SelectStatement>(Assert.Single(known.Statements));
        var table = Assert.IsType<TableRef>(select.Query.Branches[0].From);
        Assert.Equal(("be_Posts", "p", false), (table.Name, table.Alias, table.IsHole));
        Assert.Equal("\uE000Posts", sql.Substring(table.Start, table.End - table.Start));
        Assert.Equal(0, known.HoleTables);
    }

    [Fact]
    public void Keeps_parsing_after_a_bad_statement()
    {
        var result = SqlParser.Parse("SELECT FROM WHERE; SELECT * FROM t; SHOW TABLES");
        Assert.Equal(1, result.FailedStatements);
        Assert.Equal(2, result.Statements.Count);
        Assert.IsType<OtherStatement>(result.Statements[1]);
    }

    [Fact]
    public void Table_reference_spans_cover_schema_and_name()
    {
        const string sql = "SELECT * FROM app.`tasks` AS t";
        var select = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(sql).Statements));
        var table = Assert.IsType<TableRef>(select.Query.Branches[0].From);
        Assert.Equal("app.`tasks`", sql.Substring(table.Start, table.End - table.Start));
        Assert.Equal("app", table.Schema);
        Assert.Equal("tasks", table.Name);
        Assert.Equal("t", table.Alias);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var sql = "SELECT " + new string('(', 5000) + "1" + new string(')', 5000);
        Assert.Equal(1, SqlParser.Parse(sql).FailedStatements);
    }
}

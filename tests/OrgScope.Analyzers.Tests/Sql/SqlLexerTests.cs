using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Tests.Sql;

public class SqlLexerTests
{
    private static List<SqlToken> Lex(string sql) => SqlLexer.Lex(sql).Tokens.Where(t => t.Kind != SqlTokenKind.End).ToList();

    [Theory]
    [InlineData("SELECT 1 -- comment\n", 2)]
    [InlineData("SELECT 1 # comment", 2)]
    [InlineData("SELECT /* a */ 1 /* b */", 2)]
    [InlineData("SELECT 1--1", 5)]
    public void Comments_are_skipped(string sql, int count)
    {
        Assert.Equal(count, Lex(sql).Count);
    }

    [Fact]
    public void Executable_comment_content_is_code()
    {
        var tokens = Lex("SELECT /*!40001 SQL_NO_CACHE */ id");
        Assert.Equal(new[] { "SELECT", "SQL_NO_CACHE", "id" }, tokens.Select(t => t.Value));
    }

    [Theory]
    [InlineData(@"'it''s'")]
    [InlineData(@"'it\'s'")]
    [InlineData(@"""say \""hi\""""")]
    [InlineData(@"'-- not a comment'")]
    public void Strings_with_escapes_are_one_token(string sql)
    {
        var tokens = Lex(sql);
        Assert.Single(tokens);
        Assert.Equal(SqlTokenKind.String, tokens[0].Kind);
        Assert.Equal(sql.Length, tokens[0].Length);
    }

    [Fact]
    public void Backticks_unquote_and_keep_span()
    {
        var token = Assert.Single(Lex("`we``ird`"));
        Assert.Equal(SqlTokenKind.QuotedIdentifier, token.Kind);
        Assert.Equal("we`ird", token.Value);
        Assert.Equal(9, token.Length);
    }

    [Theory]
    [InlineData("`\uE000`", "?")]
    [InlineData("`\uE000Posts`", "Posts")]
    [InlineData("`mp_\uE000`", "?")]
    [InlineData("`\uE000_\uE000`", "?")]
    public void A_hole_inside_backticks_is_a_hole_not_a_name(string sql, string value)
    {
        // "from `" + table + "`": the name is whatever C# supplies, so the token is the hole (its prefix form, {0}Posts,
        // keeps the name after it, as without the backticks); the span covers the backticks.
        var token = Assert.Single(Lex(sql));
        Assert.Equal(SqlTokenKind.Hole, token.Kind);
        Assert.Equal(value, token.Value);
        Assert.Equal(sql.Length, token.Length);
    }

    [Theory]
    [InlineData("@org")]
    [InlineData("?")]
    [InlineData(":org")]
    [InlineData("@@session.sql_mode")]
    [InlineData("{=orgId}")]
    [InlineData("{=org_id2}")]
    [InlineData("?org?")]
    [InlineData("?SiteGuid")]
    [InlineData("?site_id2")]
    [InlineData("{0}")]
    [InlineData("{12}")]
    public void Parameters(string sql)
    {
        var token = Assert.Single(Lex(sql));
        Assert.Equal(SqlTokenKind.Parameter, token.Kind);
        Assert.Equal(sql.Length, token.Length);
    }

    [Theory]
    [InlineData("{d '2020-01-01'}", "{")]
    [InlineData("{=}", "{")]
    [InlineData("{x}", "{")]
    [InlineData("{=a b}", "{")]
    [InlineData("? = ?", "?")]
    [InlineData("?1", "?")]
    [InlineData("?)", "?")]
    public void Braces_and_question_marks_that_are_not_placeholders(string sql, string first)
    {
        Assert.Equal(first, Lex(sql)[0].Value);
    }

    [Fact]
    public void Placeholders_keep_their_offsets()
    {
        var tokens = Lex("a = {=org} AND b IN ?ids? AND c = {1}");
        Assert.Equal(new[] { (4, 6), (20, 5), (34, 3) }, tokens.Where(t => t.Kind == SqlTokenKind.Parameter).Select(t => (t.Start, t.Length)));
    }

    [Fact]
    public void Multi_character_operators()
    {
        Assert.Equal(new[] { "a", "<=>", "b", "<>", "c", "!=", "d", ":=", "e" }, Lex("a<=>b<>c!=d:=e").Select(t => t.Value));
    }

    [Theory]
    [InlineData("SELECT 'open")]
    [InlineData("SELECT `open")]
    [InlineData("SELECT /* open")]
    public void Unterminated_input_is_incomplete(string sql)
    {
        Assert.False(SqlLexer.Lex(sql).IsComplete);
    }

    [Fact]
    public void Qualified_names_and_numbers()
    {
        Assert.Equal(new[] { "db", ".", "t", ".", "5col", "1.5e3" }, Lex("db.t.5col 1.5e3").Select(t => t.Value));
    }
}

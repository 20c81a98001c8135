using OrgScope.Analyzers.Sql;
using OrgScope.Analyzers.Tests.Infrastructure;

namespace OrgScope.Analyzers.Tests.Sql;

/// <summary>
/// A table whose organization is named by several columns (mojoPortal: SiteID int and SiteGuid char(36) on the same
/// rows), configured as <c>mp_users:SiteID|SiteGuid</c>: a pin on any of them pins the table, and pins the others.
/// </summary>
public class OrganizationColumnsShapeTests
{
    private static readonly ScopedTableSet Tables = ScopedTableSet.Create(ScopedTableSet.ParseList(
        "mp_users(UserID):SiteID|SiteGuid, mp_modules:SiteID|SiteGuid, tasks"));

    [Theory]
    [InlineData("SELECT u.UserGuid FROM mp_users u WHERE u.SiteGuid = @g")]
    [InlineData("SELECT * FROM mp_users u WHERE u.SiteID = @id")]
    [InlineData("SELECT * FROM mp_users WHERE sitEguid = ?SiteGuid")]
    [InlineData("SELECT * FROM mp_users u JOIN mp_modules m ON m.SiteID = u.SiteID WHERE u.SiteGuid = @g")]
    [InlineData("SELECT * FROM mp_users WHERE SiteID = @id OR SiteGuid = @g")]
    [InlineData("SELECT * FROM (SELECT * FROM mp_users) x WHERE x.SiteGuid = @g")]
    [InlineData("INSERT INTO mp_users (SiteGuid, Name) VALUES (@g, @n)")]
    public void A_pin_on_any_organization_column_pins(string sql)
    {
        Assert.Empty(SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: false).Findings);
    }

    [Theory]
    [InlineData("SELECT * FROM {|#0:mp_users|} u WHERE u.UserID = @id", "MissingFilter", "SiteID")]
    [InlineData("SELECT * FROM {|#0:mp_users|} u WHERE u.SiteGuid = @g OR u.Name = @n", "BypassableFilter", "SiteGuid")]
    [InlineData("UPDATE {|#0:mp_users|} SET Name = @n WHERE SiteID = 3", "BypassableFilter", "SiteID")]
    [InlineData("SELECT * FROM mp_users u JOIN {|#0:mp_modules|} m ON m.ModuleID = u.UserID WHERE u.SiteGuid = @g", "MissingFilter", "SiteID")]
    [InlineData("INSERT INTO {|#0:mp_users|} (Name) VALUES (@n)", "InsertWithoutColumn", "SiteID")]
    public void Must_warn(string markup, string rule, string column)
    {
        // A missing filter names the first column (the one to add); a weak filter names the column it is on.
        var (sql, spans) = Markup.Parse(markup);
        var finding = Assert.Single(SqlAnalysis.Analyze(sql, Tables, detectProbes: true, computeFixes: false).Findings);
        Assert.Equal(Enum.Parse<SqlRule>(rule), finding.Rule);
        Assert.Equal(spans[0], (finding.Start, finding.End));
        Assert.Equal(column, finding.Column);
    }

    [Fact]
    public void The_default_column_may_name_several_too()
    {
        var tables = ScopedTableSet.Create(ScopedTableSet.ParseList("mp_pages, mp_tags:TagSite"), ["SiteID", "SiteGuid"]);
        Assert.True(tables.TryGetTable("mp_pages", out var pages));
        Assert.Equal(["SiteID", "SiteGuid"], pages.Columns);
        Assert.True(tables.TryGetTable("mp_tags", out var tags));
        Assert.Equal(["TagSite"], tags.Columns);
        Assert.Empty(SqlAnalysis.Analyze("SELECT * FROM mp_pages WHERE SiteGuid = @g", tables, detectProbes: true, computeFixes: false).Findings);
    }
}

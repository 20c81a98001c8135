using OrgScope.Analyzers.Configuration;
using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Tests.Configuration;

/// <summary>The entry syntax shared by .editorconfig, orgscope.tables and the generator's attribute: table[(key, ...)][:column].</summary>
public class ScopedTableEntryTests
{
    [Theory]
    [InlineData("tasks", "tasks", null, "")]
    [InlineData("  tasks  ", "tasks", null, "")]
    [InlineData("tasks:ClientId", "tasks", "ClientId", "")]
    [InlineData("tasks : ClientId", "tasks", "ClientId", "")]
    [InlineData("billing.payments:tenant_org", "payments", "tenant_org", "")]
    [InlineData("`billing`.`pay ments`:`tenant org`", "pay ments", "tenant org", "")]
    [InlineData("users(id)", "users", null, "id")]
    [InlineData("users (Id) :ClientId", "users", "ClientId", "Id")]
    [InlineData("order_lines(order_id, line_no):ClientId", "order_lines", "ClientId", "order_id,line_no")]
    [InlineData("t$1(`k 1`,k2)", "t$1", null, "k 1,k2")]
    [InlineData("`odd``name`(`k``1`):`org`", "odd`name", "org", "k`1")]
    [InlineData("mp_users(UserID):SiteID|SiteGuid", "mp_users", "SiteID", "UserID")]
    [InlineData("mp_users : SiteID | `Site Guid`", "mp_users", "SiteID", "")]
    public void Reads_valid_entries(string text, string table, string? column, string key)
    {
        Assert.True(ScopedTableEntry.TryParse(text, out var entry, out var error), error);
        Assert.Equal(table, entry!.Table);
        Assert.Equal(column, entry.Column);
        Assert.Equal(key, string.Join(",", entry.Key));
    }

    [Fact]
    public void Several_columns_are_kept_in_order()
    {
        Assert.True(ScopedTableEntry.TryParse("mp_modules:SiteID|SiteGuid", out var entry, out _));
        Assert.Equal(["SiteID", "SiteGuid"], entry!.Columns);
        Assert.Equal("mp_modules:SiteID|SiteGuid", entry.ToString());
    }

    [Theory]
    [InlineData("", "expected a table name")]
    [InlineData(":ClientId", "expected a table name, found ':'")]
    [InlineData("users(", "expected a key column inside '(...)'")]
    [InlineData("users(id", "expected ',' or ')' after the key column 'id'")]
    [InlineData("users()", "expected a key column inside '(...)', found ')'")]
    [InlineData("users:", "expected the organization column after ':'")]
    [InlineData("users:a:b", "unexpected ':b' after the entry (the form is table, table:column, table:column|column or table(key):column)")]
    [InlineData("users ClientId", "unexpected 'ClientId' after the entry (the form is table, table:column, table:column|column or table(key):column)")]
    [InlineData("users:SiteID|", "expected another organization column after '|'")]
    [InlineData("`users", "expected a table name (a '`' is not closed)")]
    [InlineData("users-x", "unexpected '-x' after the entry (the form is table, table:column, table:column|column or table(key):column)")]
    public void Rejects_broken_entries_with_a_reason(string text, string reason)
    {
        Assert.False(ScopedTableEntry.TryParse(text, out var entry, out var error));
        Assert.Null(entry);
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData("a, b", "a|b")]
    [InlineData("a b;c", "a|b|c")]
    [InlineData("a,\n b:col ,c(x, y):z", "a|b:col|c(x, y):z")]
    [InlineData("users (id) : ClientId tasks", "users (id) : ClientId|tasks")]
    [InlineData("`a b`, c", "`a b`|c")]
    [InlineData("  ", "")]
    public void Splits_lists_outside_parentheses_and_backticks(string value, string parts)
    {
        Assert.Equal(parts, string.Join("|", ScopedTableEntry.SplitList(value).Select(p => p.Trim())));
    }

    [Fact]
    public void A_list_keeps_the_valid_entries_and_names_each_broken_one()
    {
        var errors = new List<string>();
        var entries = ScopedTableSet.ParseList("tasks, users(id, rewards:org", errors).ToList();
        Assert.Equal(["tasks"], entries.Select(e => e.Table));
        Assert.Equal(["'users(id, rewards:org': expected ',' or ')' after the key column 'rewards'"], errors);
    }

    [Fact]
    public void The_default_column_applies_only_where_no_column_is_given_and_the_first_entry_wins()
    {
        var set = ScopedTableSet.Create(
            ScopedTableSet.ParseList("tasks:organization_id, users, rewards(id), tasks:other, users(uid)"),
            defaultColumn: "ClientId");
        Assert.True(set.TryGetTable("TASKS", out var tasks));
        Assert.Equal("organization_id", tasks.Column);
        Assert.True(set.TryGetTable("app.users", out var users));
        Assert.Equal("ClientId", users.Column);
        Assert.Equal(["uid"], users.Key);
        Assert.True(set.TryGetTable("`rewards`", out var rewards));
        Assert.Equal("ClientId", rewards.Column);
        Assert.Equal(["id"], rewards.Key);
        Assert.False(set.TryGetTable("projects", out _));
        Assert.True(ScopedTableSet.Create(ScopedTableSet.ParseList("users")).TryGetColumn("users", out var column));
        Assert.Equal("organization_id", column);
    }
}

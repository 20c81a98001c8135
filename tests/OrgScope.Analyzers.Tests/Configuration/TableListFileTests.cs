using OrgScope.Analyzers.Configuration;

namespace OrgScope.Analyzers.Tests.Configuration;

/// <summary>orgscope.tables: one entry per line, # comments, and a located reason for every line it cannot read.</summary>
public class TableListFileTests
{
    [Fact]
    public void Reads_entries_comments_and_blank_lines()
    {
        var list = TableListFile.Parse("""
            # orgscope scan: hr, column ClientId
            employees(Id):ClientId

              payroll_runs(RunId, ClientId) : ClientId   # composite key
            `odd#name`
            departments
            """.Replace("\n", "\r\n"));
        Assert.Empty(list.Errors);
        Assert.Equal(["employees(Id):ClientId", "payroll_runs(RunId, ClientId):ClientId", "odd#name", "departments"], list.Entries.Select(e => e.ToString()));
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_line_and_range_and_the_rest_is_read()
    {
        var list = TableListFile.Parse("employees\n  users(id, :ClientId  # note\nteams\nusers ClientId\n");
        Assert.Equal(["employees", "teams"], list.Entries.Select(e => e.Table));
        Assert.Collection(
            list.Errors,
            e =>
            {
                Assert.Equal((1, 2, 21), (e.Line, e.Start, e.End));
                Assert.Equal("users(id, :ClientId: expected a key column inside '(...)', found ':'", e.Message);
            },
            e =>
            {
                Assert.Equal((3, 0, 14), (e.Line, e.Start, e.End));
                Assert.Equal("users ClientId: unexpected 'ClientId' after the entry (the form is table, table:column, table:column|column or table(key):column)", e.Message);
            });
    }

    [Theory]
    [InlineData("orgscope.tables", true)]
    [InlineData("/src/App/ORGSCOPE.TABLES", true)]
    [InlineData(@"C:\src\App\billing.orgscope.tables", true)]
    [InlineData("/src/App/orgscope.tables.bak", false)]
    [InlineData("/src/App/myorgscope.tables", false)]
    [InlineData("/src/App/tables.txt", false)]
    public void Recognises_list_files_by_name(string path, bool isList)
    {
        Assert.Equal(isList, TableListFile.HasListName(path));
    }
}

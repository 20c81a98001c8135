namespace OrgScope.Cli.Tests;

/// <summary>
/// <c>orgscope audit</c> on SARIF logs written the way the compiler writes an audit build's (the end-to-end build of one
/// is tests/OrgScope.Build.Tests/Audit): the report, the verdict as exit code, folders, --out, JSON, bad input.
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private readonly string _folder = Directory.CreateTempSubdirectory("orgscope-audit-cli-").FullName;

    [Fact]
    public async Task A_verified_log_is_exit_0_and_the_report_says_why()
    {
        var log = Write("app/obj/Debug/net10.0/orgscope-audit.sarif", Log(Record("Repo.cs", 10, "tasks t=pinned", unpinned: 0)));

        var result = await Cli.RunAsync(NoEnvironment, "audit", "--sarif", log);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SQL sites found                        1", result.Out);
        Assert.Contains("      pinned                           1", result.Out);
        Assert.Contains("Verdict: every SQL site on an org-scoped table was verified or exempted with a reason.", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task An_open_finding_is_exit_1_and_out_writes_the_markdown_report()
    {
        var log = Write("orgscope-audit.sarif", Log(Record("Repo.cs", 10, "users=unpinned", unpinned: 1), Finding("Repo.cs", 10, 40)));
        var report = Path.Combine(_folder, "audit.md");

        var result = await Cli.RunAsync(NoEnvironment, "audit", "--sarif", log, "--format", "md", "--out", report);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"Not verified: 1 open finding(s). Report: {report}", result.Out.Trim());
        var markdown = File.ReadAllText(report);
        Assert.Contains("**Not verified:** 1 open finding(s).", markdown);
        Assert.Contains("| open | 1 |", markdown);
        Assert.Contains("## Open findings (1)", markdown);
    }

    [Fact]
    public async Task A_folder_means_every_audit_log_below_it_and_json_is_one_event()
    {
        Write("a/obj/Debug/net10.0/orgscope-audit.sarif", Log(Record("A.cs", 3, "tasks=pinned", unpinned: 0)));
        Write("b/obj/Debug/net10.0/orgscope-audit.sarif", Log(Record("B.cs", 4, "users=pinned", unpinned: 0), Record("B.cs", 8, "", unpinned: 0, scoped: 0)));
        Write("b/obj/other.sarif", "not read: only orgscope-audit.sarif files are taken from a folder");

        var result = await Cli.RunAsync(NoEnvironment, "audit", "--sarif", _folder, "--log-format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("audit", json.RootElement.GetProperty("event").GetString());
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("found").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("pinned").GetInt32());
    }

    [Fact]
    public async Task A_missing_log_or_an_empty_folder_is_one_line_and_exit_3()
    {
        var missing = await Cli.RunAsync(NoEnvironment, "audit", "--sarif", Path.Combine(_folder, "none.sarif"));
        Assert.True(missing.ExitCode == 3, missing.ToString());
        Assert.Contains("does not exist: build with -p:OrgScopeAudit=true first", Assert.Single(missing.ErrorLines));

        var empty = await Cli.RunAsync(NoEnvironment, "audit", "--sarif", _folder);
        Assert.True(empty.ExitCode == 3, empty.ToString());
        Assert.Contains("No orgscope-audit.sarif below", Assert.Single(empty.ErrorLines));
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private string Log(params string[] results) =>
        """{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[""" + string.Join(",", results) + "]}]}";

    private string Record(string file, int line, string tables, int unpinned, int scoped = 1) =>
        """
        {"ruleId":"ORG007","level":"note","message":{"text":"The SQL passed to 'Query' was checked: 1 statement"},
         "locations":[{"physicalLocation":{"artifactLocation":{"uri":"URI"},"region":{"startLine":LINE,"startColumn":20,"endLine":LINE,"endColumn":90}}}],
         "properties":{"customProperties":{"OrgScope.ScopedTables":"SCOPED","OrgScope.Statements":"1","OrgScope.Tables":"TABLES","OrgScope.Trust":"","OrgScope.Unchecked":"0","OrgScope.Unpinned":"UNPINNED"}}}
        """.Replace("URI", Uri(file)).Replace("LINE", line.ToString()).Replace("SCOPED", scoped.ToString()).Replace("TABLES", tables).Replace("UNPINNED", unpinned.ToString());

    private string Finding(string file, int line, int column) =>
        """
        {"ruleId":"ORG001","level":"warning","message":{"text":"'users' is read or changed without an organization filter: pin 'users.organization_id' in the WHERE or the JOIN's ON"},
         "locations":[{"physicalLocation":{"artifactLocation":{"uri":"URI"},"region":{"startLine":LINE,"startColumn":COLUMN,"endLine":LINE,"endColumn":END}}}]}
        """.Replace("URI", Uri(file)).Replace("LINE", line.ToString()).Replace("COLUMN", column.ToString()).Replace("END", (column + 5).ToString());

    private string Uri(string file) => new Uri(Path.Combine(_folder, file)).AbsoluteUri;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using System.Text.Json;
using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

/// <summary>
/// <c>orgscope scan</c> on a real MariaDB: the base tables that carry the organization column become the list file
/// the analyzer reads, with their primary keys; the file is deterministic, replaced only when scan wrote it.
/// </summary>
[Collection("MariaDB")]
public sealed class ScanTests(MariaDbServer server) : IDisposable
{
    // Beside the sample's legacy schema (user_organizations and achievements carry organization_id): the shapes a
    // real schema has around a tenant column.
    private const string TenantTables = """
        CREATE TABLE invoices (id BIGINT NOT NULL, ClientId BIGINT NOT NULL, PRIMARY KEY (id));
        CREATE TABLE invoice_lines (invoice_id BIGINT NOT NULL, line_no INT NOT NULL, clientid BIGINT NULL, PRIMARY KEY (invoice_id, line_no));
        CREATE TABLE client_users (ClientId BIGINT NOT NULL, user_id BIGINT NOT NULL, PRIMARY KEY (ClientId, user_id));
        CREATE TABLE audit_log (ClientId BIGINT NULL, message TEXT);
        CREATE TABLE `order items` (id INT NOT NULL PRIMARY KEY, ClientId BIGINT NOT NULL);
        CREATE TABLE settings (id INT NOT NULL PRIMARY KEY, ClientIdx BIGINT NULL);
        CREATE TABLE clients (ClientId BIGINT NOT NULL PRIMARY KEY, name TEXT);
        CREATE TABLE orgscope_notes (id INT NOT NULL PRIMARY KEY, ClientId BIGINT NULL);
        CREATE VIEW client_invoices AS SELECT id, ClientId FROM invoices;
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("orgscope-scan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Scan_lists_the_base_tables_that_carry_the_column_with_their_primary_keys()
    {
        await using var db = await DatabaseAsync("scan_client");
        var file = Path.Combine(folder, "orgscope.tables");

        var result = await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"""
            # orgscope scan: the base tables of `{db.Database.Name}` that carry ClientId: 5 of 15
            # Written by `orgscope scan`; run it again to refresh (it replaces this file). One table per line:
            # table(primary key):organization column. A table dropped from this list is no longer checked by the analyzer.
            audit_log:ClientId
            client_users(ClientId, user_id):ClientId  # ClientId is in the primary key: a membership or link table?
            invoice_lines(invoice_id, line_no):clientid
            invoices(id):ClientId
            `order items`(id):ClientId
            # left out: clients(ClientId):ClientId, the organization table itself (ClientId is its whole primary key)

            """.Replace("\r\n", "\n"), await File.ReadAllTextAsync(file));
        Assert.Contains($"scan: 5 of 15 tables in `{db.Database.Name}` carry ClientId: wrote {file}.", result.Out);
        Assert.Contains("left out clients: ClientId is its whole primary key", result.Out);
        Assert.DoesNotContain(SampleDatabase.Password, result.All);
    }

    [Fact]
    public async Task Several_columns_give_each_table_the_first_it_has_and_the_default_is_organization_id()
    {
        await using var db = await DatabaseAsync("scan_columns");
        await db.Database.ExecuteScriptAsync("ALTER TABLE invoices ADD COLUMN organization_id BIGINT NULL;");

        var both = await Cli.RunAsync(db.Environment, "scan", "--column", "organization_id,ClientId", "--out", "-");
        var byDefault = await Cli.RunAsync(db.Environment, "scan", "--out", "-");

        Assert.True(both.ExitCode == 0, both.ToString());
        Assert.Equal(
            ["achievements(id):organization_id", "audit_log:ClientId", "client_users(ClientId, user_id):ClientId",
             "invoice_lines(invoice_id, line_no):clientid", "invoices(id):organization_id", "`order items`(id):ClientId",
             "user_organizations(user_id, organization_id):organization_id"],
            Entries(both.Out));
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Equal(["achievements(id):organization_id", "invoices(id):organization_id", "user_organizations(user_id, organization_id):organization_id"], Entries(byDefault.Out));
        Assert.StartsWith("# orgscope scan:", byDefault.Out);
    }

    [Fact]
    public async Task A_rescan_replaces_its_own_file_says_what_changed_and_is_byte_for_byte_stable()
    {
        await using var db = await DatabaseAsync("scan_rescan");
        var file = Path.Combine(folder, "orgscope.tables");
        Assert.Equal(0, (await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file)).ExitCode);
        var first = await File.ReadAllBytesAsync(file);

        var same = await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file);
        var unchanged = await File.ReadAllBytesAsync(file);
        await db.Database.ExecuteScriptAsync("DROP TABLE audit_log; CREATE TABLE payments (id BIGINT PRIMARY KEY, ClientId BIGINT NOT NULL);");
        var changed = await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file, "--log-format", "json");

        Assert.Equal(first, unchanged);
        Assert.Contains("the same tables as before", same.Out);
        Assert.True(changed.ExitCode == 0, changed.ToString());
        var scan = JsonDocument.Parse(changed.Out).RootElement;
        Assert.Equal("scan", scan.GetProperty("event").GetString());
        Assert.Equal(["payments"], scan.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["audit_log"], scan.GetProperty("dropped").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("payments(id):ClientId\n", await File.ReadAllTextAsync(file));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));
    }

    [Fact]
    public async Task The_analyzer_reads_back_every_table_key_and_column_scan_wrote()
    {
        // The round trip a team relies on: scan writes the file, the analyzer's own reader (not a second parser in the
        // tests) takes every line, quoted names, keys and trailing comments included, without a configuration error.
        await using var db = await DatabaseAsync("scan_roundtrip");
        await db.Database.ExecuteScriptAsync("CREATE TABLE `odd``name` (id INT NOT NULL PRIMARY KEY, ClientId BIGINT NOT NULL);");
        var file = Path.Combine(folder, "orgscope.tables");
        Assert.Equal(0, (await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file)).ExitCode);

        var list = OrgScope.Analyzers.Configuration.TableListFile.Parse(await File.ReadAllTextAsync(file));

        Assert.Empty(list.Errors.Select(e => e.Message));
        Assert.Equal(
            ["audit_log() ClientId", "client_users(ClientId,user_id) ClientId", "invoice_lines(invoice_id,line_no) clientid",
             "invoices(id) ClientId", "odd`name(id) ClientId", "order items(id) ClientId"],
            list.Entries.Select(e => $"{e.Table}({string.Join(",", e.Key)}) {string.Join("|", e.Columns)}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_hand_written_list_is_not_replaced_without_force()
    {
        await using var db = await DatabaseAsync("scan_force");
        var file = Path.Combine(folder, "orgscope.tables");
        await File.WriteAllTextAsync(file, "# our reviewed list\ninvoices:ClientId\n");

        var refused = await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file);
        var kept = await File.ReadAllTextAsync(file);
        var forced = await Cli.RunAsync(db.Environment, "scan", "--column", "ClientId", "--out", file, "--force");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("exists and was not written by orgscope scan: nothing written. Pass --force", Assert.Single(refused.ErrorLines));
        Assert.Equal("# our reviewed list\ninvoices:ClientId\n", kept);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.StartsWith("# orgscope scan:", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task No_table_with_the_column_is_one_line_that_suggests_the_column_and_writes_nothing()
    {
        await using var db = await DatabaseAsync("scan_none");
        var file = Path.Combine(folder, "orgscope.tables");

        var result = await Cli.RunAsync(db.Environment, "scan", "--column", "TenantId", "--out", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains($"No table of the 15 in `{db.Database.Name}` has a column named TenantId: nothing written.", line);
        Assert.Contains("ClientId (6 tables)", line);
        Assert.Contains("pass --column ClientId", line);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Another_schema_can_be_scanned_and_an_unknown_one_is_exit_3()
    {
        await using var db = await DatabaseAsync("scan_schema");
        await using var other = await SampleDatabase.CreateAsync(server, "scan_other", withData: false);

        var result = await Cli.RunAsync(other.Environment, "scan", "--schema", db.Database.Name, "--column", "ClientId", "--out", "-");
        var unknown = await Cli.RunAsync(db.Environment, "scan", "--schema", "no_such_schema_s1", "--out", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("invoices(id):ClientId", result.Out);
        Assert.True(unknown.ExitCode == 3, unknown.ToString());
        Assert.Contains("Schema 'no_such_schema_s1' does not exist", Assert.Single(unknown.ErrorLines));
    }

    [Fact]
    public async Task A_wrong_password_is_exit_3_one_line_never_printed_and_nothing_written()
    {
        await using var db = await DatabaseAsync("scan_password");
        var file = Path.Combine(folder, "orgscope.tables");
        var env = db.Environment;
        env["DB_PASSWORD"] = "Wrong-Scan-Pw-8812";

        var result = await Cli.RunAsync(env, "scan", "--out", file);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("Access denied for user", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("Wrong-Scan-Pw-8812", result.All);
        Assert.False(File.Exists(file));
    }

    private async Task<SampleDatabase> DatabaseAsync(string prefix)
    {
        var db = await SampleDatabase.CreateAsync(server, prefix, withData: false);
        await db.Database.ExecuteScriptAsync(TenantTables);
        return db;
    }

    private static string[] Entries(string file) =>
        file.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split("  #")[0]).ToArray();
}

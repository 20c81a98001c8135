using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using OrgScope.Plan.Rendering.OnlineSchemaChange;
using OrgScope.Plan.Rendering.Sql;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>
/// The online tools' command lines. gh-ost is not in Debian, so its command is checked here, argument by argument, and
/// never run; pt-online-schema-change also runs for real in the runtime tests.
/// </summary>
public sealed class OnlineCommandTests
{
    private static readonly OnlineConnection Connection = new("db.internal", "3306", "orgscope", "app", "/run/orgscope.cnf");

    [Fact]
    public void GhOst_gets_the_table_the_clause_and_the_safety_flags_and_the_password_only_through_its_conf_file()
    {
        var arguments = OnlineCommand.Arguments("GhOst", "tasks", "MODIFY COLUMN `organization_id` BIGINT NOT NULL", Connection);

        Assert.Equal(
            [
                "--conf=/run/orgscope.cnf", "--host=db.internal", "--port=3306", "--user=orgscope", "--database=app", "--table=tasks",
                "--alter=MODIFY COLUMN `organization_id` BIGINT NOT NULL", "--allow-on-master",
                "--max-load=Threads_running=25", "--critical-load=Threads_running=100", "--chunk-size=1000", "--max-lag-millis=1500",
                "--cut-over=default", "--exact-rowcount", "--concurrent-rowcount", "--default-retries=120",
                "--initially-drop-ghost-table", "--ok-to-drop-table", "--execute",
            ],
            arguments);
        Assert.Equal("gh-ost", OnlineCommand.Executable("GhOst"));
        Assert.DoesNotContain(arguments, a => a.StartsWith("--password", StringComparison.Ordinal));
    }

    [Fact]
    public void Pt_online_schema_change_gets_a_DSN_with_the_option_file_and_keeps_triggers()
    {
        var arguments = OnlineCommand.Arguments("PtOnlineSchemaChange", "tasks", "MODIFY COLUMN `organization_id` BIGINT NOT NULL", Connection, maxThreadsRunning: 40);

        Assert.Equal("F=/run/orgscope.cnf,h=db.internal,P=3306,u=orgscope,D=app,t=tasks", arguments[^1]);
        Assert.Equal("MODIFY COLUMN `organization_id` BIGINT NOT NULL", arguments[arguments.ToList().IndexOf("--alter") + 1]);
        Assert.Contains("--preserve-triggers", arguments);
        Assert.Equal("Threads_running=40", arguments[arguments.ToList().IndexOf("--max-load") + 1]);
        Assert.Equal("Threads_running=160", arguments[arguments.ToList().IndexOf("--critical-load") + 1]);
        Assert.Equal("--execute", arguments[^2]);
        Assert.Throws<ArgumentException>(() => OnlineCommand.Arguments("Script", "tasks", "x", Connection));
    }

    [Theory]
    [InlineData("pt-osc-no-foreign-keys", "pt-online-schema-change")]
    [InlineData("gh-ost", "gh-ost")]
    public void The_shell_script_parses_and_runs_the_tool_for_every_table_with_the_same_arguments(string model, string tool)
    {
        var migration = Portability.PortabilityTests.Model(model);
        var script = SqlScripts.Emit(migration).Single(f => f.Name == OnlineConstraintsScript.FileName).Content;

        var path = Path.Combine(Path.GetTempPath(), "orgscope-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(path, script);
        try
        {
            using var sh = Process.Start(new ProcessStartInfo("sh", ["-n", path]) { RedirectStandardError = true })!;
            var error = sh.StandardError.ReadToEnd();
            sh.WaitForExit();
            Assert.True(sh.ExitCode == 0, error);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(migration.Tables.Count, script.Split('\n').Count(l => l == "  " + tool + " \\"));
        // The clause inside double quotes keeps its backticks literal (not a command substitution).
        Assert.Contains("MODIFY COLUMN \\`organization_id\\` BIGINT NOT NULL", script);
        // No password on any command line: the client and the tool read it from DB_DEFAULTS_FILE.
        Assert.DoesNotContain("--password", script);
        Assert.DoesNotContain(" -p", script);
        Assert.Contains("--defaults-file=\"$DB_DEFAULTS_FILE\"", script);
    }
}

using System.IO;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>
/// The scripts the real build wrote for the sample (samples/OrgScope.Sample/scripts/orgscope, committed) run the whole
/// cycle too: the hand-built model of the other tests is no stand-in for what the generator really produces.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class CommittedSampleScriptsDbTests(MariaDbServer server)
{
    [Fact]
    public async Task The_build_output_runs_the_cycle_through_the_client()
    {
        var folder = Path.GetFullPath(Path.Combine(TestFolder(), "..", "..", "..", "samples", "OrgScope.Sample", "scripts", "orgscope"));
        string Script(string name) => Path.Combine(folder, name);

        await using var db = await SampleDatabase.CreateLegacyAsync(server, "committed");
        var legacy = await db.ShowCreateTablesAsync();

        (await db.RunClientFileAsync(Script("001-add-organization-id-columns.sql"))).EnsureSuccess();
        var added = await db.ShowCreateTablesAsync();
        (await db.RunClientFileAsync(Script("001-add-organization-id-columns.sql"))).EnsureSuccess();
        Assert.Equal(added, await db.ShowCreateTablesAsync());

        var refused = await db.RunClientFileAsync(Script("003-add-constraints.sql"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("orgscope: users has 3 rows with NULL organization_id", refused.StandardError);

        await SampleDatabase.FillAsync(db);
        (await db.RunClientFileAsync(Script("002-validate.sql"))).EnsureSuccess();
        (await db.RunClientFileAsync(Script("003-add-constraints.sql"))).EnsureSuccess();
        Assert.Contains("CONSTRAINT `fk_user_achievements_organization_id`", await db.ShowCreateTableAsync("user_achievements"));

        (await db.RunClientFileAsync(Script("rollback-constraints.sql"))).EnsureSuccess();
        Assert.Equal(added, await db.ShowCreateTablesAsync());
        (await db.RunClientFileAsync(Script("rollback-columns.sql"))).EnsureSuccess();
        Assert.Equal(legacy, await db.ShowCreateTablesAsync());
    }

    private static string TestFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

using OrgScope.Build.Tests.Infrastructure;

namespace OrgScope.Build.Tests;

/// <summary>
/// samples/OrgScope.Sample/scripts/orgscope is committed so that a change to the generated SQL shows in review. The sample's
/// build writes it; after that build, git must see no difference, or the committed scripts are out of date.
/// </summary>
[Collection(SharedProjectsCollection.Name)]
public sealed class SampleScriptsTests
{
    private const string ScriptsPath = "samples/OrgScope.Sample/scripts/orgscope";

    [Fact]
    public void The_committed_sample_scripts_are_what_the_build_writes()
    {
        var build = ProcessRunner.Build(Path.Combine(RepoPaths.Sample, "OrgScope.Sample.csproj"));
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ScriptsPath, "001-add-organization-id-columns.sql")));

        var status = Git("status", "--porcelain", "--untracked-files=all", "--", ScriptsPath);

        Assert.True(status == "",
            $"The sample's generated scripts differ from the committed ones:{Environment.NewLine}{status}{Environment.NewLine}"
            + $"Review the change (git diff -- {ScriptsPath}) and commit it: dotnet build samples/OrgScope.Sample writes them.");
    }

    private static string Git(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error}");
        return output.Trim();
    }
}

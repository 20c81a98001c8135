using OrgScope.Build.Tests.Infrastructure;

namespace OrgScope.Build.Tests;

/// <summary>The writer as MSBuild runs it (`dotnet exec`): exit codes and one-line errors in MSBuild's format.</summary>
public sealed class ScriptWriterProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private ProcessResult Writer(params string[] arguments) =>
        DotNetProcess.Run(_folder.Path, TimeSpan.FromMinutes(1), ["exec", RepoPaths.ScriptWriter, .. arguments]);

    [Fact]
    public void Writes_the_plan_files_of_a_built_assembly()
    {
        var json = PlanAssembly.PlanJson();
        var dll = PlanAssembly.Emit(_folder.File("App.dll"), json);
        var scripts = _folder.File("scripts");

        var result = Writer("--assembly", dll, "--out", scripts);

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = PlanAssembly.Files(json);
        foreach (var (name, content) in files)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(scripts, name)));
        }

        Assert.Contains($"{files.Count} written, 0 unchanged, 0 removed", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void An_assembly_without_a_plan_is_a_clear_error_with_exit_code_1()
    {
        var dll = PlanAssembly.Emit(_folder.File("NoPlan.dll"), json: null);
        var scripts = _folder.File("scripts");

        var result = Writer("--assembly", dll, "--out", scripts);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("OrgScope.ScriptWriter : error ORG901: ", line);
        Assert.Contains("carries no OrgScope plan", line);
        Assert.False(Directory.Exists(scripts));
    }

    [Fact]
    public void An_assembly_without_a_plan_is_fine_when_allowed_and_nothing_is_written()
    {
        var dll = PlanAssembly.Emit(_folder.File("NoPlan.dll"), json: null);
        var scripts = _folder.File("scripts");

        var result = Writer("--assembly", dll, "--out", scripts, "--allow-no-plan");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("declares no OrgScope model", result.Output);
        Assert.False(Directory.Exists(scripts));
    }

    [Fact]
    public void A_plan_of_another_format_is_an_error_even_when_no_plan_is_allowed()
    {
        var json = PlanAssembly.PlanJson(format: 99);
        var dll = PlanAssembly.Emit(_folder.File("Future.dll"), json);

        var result = Writer("--assembly", dll, "--out", _folder.File("scripts"), "--allow-no-plan");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error ORG901: ", result.Error);
        Assert.Contains("format 99", result.Error);
    }

    [Fact]
    public void A_missing_assembly_is_an_error_that_says_to_build_first()
    {
        var result = Writer("--assembly", _folder.File("Missing.dll"), "--out", _folder.File("scripts"), "--allow-no-plan");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist. Build the project first", result.Error);
    }

    [Fact]
    public void Bad_arguments_exit_with_code_2_and_the_usage()
    {
        var result = Writer("--assembly");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("OrgScope.ScriptWriter : error ORG900: ", result.Error);
        Assert.Contains("--out <folder>", result.Error);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_exits_with_code_3()
    {
        var dll = PlanAssembly.Emit(_folder.File("App.dll"), PlanAssembly.PlanJson());
        var blocker = _folder.File("not-a-folder");
        File.WriteAllText(blocker, "a file where the folder should be");

        var result = Writer("--assembly", dll, "--out", Path.Combine(blocker, "scripts"));

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("OrgScope.ScriptWriter : error ORG902: could not write the scripts", result.Error);
    }

    public void Dispose() => _folder.Dispose();
}

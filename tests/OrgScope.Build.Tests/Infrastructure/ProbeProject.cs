namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>
/// A throwaway project built with `dotnet build`. <see cref="WithPackageTargets"/> imports the package's
/// build/OrgScope.props and .targets exactly where NuGet puts them (props before the body, targets after) and carries
/// a hand-written plan, so it tests the MSBuild logic alone; <see cref="InRepo"/> sits inside the repository and
/// gets the real generator through Directory.Build.targets.
/// </summary>
internal sealed class ProbeProject : IDisposable
{
    private readonly TempFolder _folder;

    private ProbeProject(TempFolder folder, string name)
    {
        _folder = folder;
        Name = name;
        Directory = folder.Path;
        ProjectFile = Path.Combine(Directory, name + ".csproj");
    }

    public string Name { get; }

    public string Directory { get; }

    public string ProjectFile { get; }

    public string ScriptsDir => Path.Combine(Directory, "scripts", "orgscope");

    public static ProbeProject WithPackageTargets(string planJson, string extraProperties = "")
    {
        var probe = new ProbeProject(new TempFolder(), "Probe");
        probe.Write("Probe.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(RepoPaths.PackageBuildFolder, "OrgScope.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OrgScopeScriptWriterPath>{RepoPaths.ScriptWriter}</OrgScopeScriptWriterPath>
                {extraProperties}
              </PropertyGroup>
              <Import Project="{Path.Combine(RepoPaths.PackageBuildFolder, "OrgScope.targets")}" />
            </Project>
            """);
        probe.WritePlan(planJson);
        return probe;
    }

    /// <summary>A unique project name: with ORGSCOPE_ARTIFACTS, bin/ and obj/ are shared folders keyed by project name.</summary>
    public static ProbeProject InRepo(string extraProperties = "")
    {
        var folder = new TempFolder(RepoPaths.InRepoScratch);
        var name = "Probe" + Path.GetFileName(folder.Path).Replace("orgscope-", "", StringComparison.Ordinal);
        var probe = new ProbeProject(folder, name);
        probe.Write(name + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OrgScopeInRepo>true</OrgScopeInRepo>
                {extraProperties}
              </PropertyGroup>
            </Project>
            """);
        return probe;
    }

    public void WritePlan(string planJson) => Write("Plan.cs", PlanAssembly.PlanSource(planJson));

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public ProcessResult Build(params string[] properties) => ProcessRunner.Build(ProjectFile, properties);

    /// <summary>The built assembly, wherever bin/ is (ORGSCOPE_ARTIFACTS moves it).</summary>
    public string TargetPath()
    {
        var result = DotNetProcess.Run(Directory, TimeSpan.FromMinutes(2), "msbuild", ProjectFile, "-nologo", "-getProperty:TargetPath");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }

    /// <summary>Every file in the scripts folder (the manifest included) with its last write time.</summary>
    public Dictionary<string, DateTime> ScriptTimes(string? scriptsDir = null) =>
        System.IO.Directory.GetFiles(scriptsDir ?? ScriptsDir).ToDictionary(f => Path.GetFileName(f), File.GetLastWriteTimeUtc);

    public void Dispose()
    {
        var artifacts = Environment.GetEnvironmentVariable("ORGSCOPE_ARTIFACTS");
        if (!string.IsNullOrEmpty(artifacts))
        {
            foreach (var kind in new[] { "bin", "obj" })
            {
                var own = Path.Combine(artifacts, kind, Name);
                if (Name != "Probe" && System.IO.Directory.Exists(own))
                {
                    System.IO.Directory.Delete(own, recursive: true);
                }
            }
        }

        _folder.Dispose();
    }
}

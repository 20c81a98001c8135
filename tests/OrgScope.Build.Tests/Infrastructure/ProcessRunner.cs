namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>The build tests' child builds, run through the shared <see cref="DotNetProcess"/>.</summary>
internal static class ProcessRunner
{
    /// <summary>`dotnet build` of one project, quietly, with the given MSBuild properties.</summary>
    public static ProcessResult Build(string project, params string[] properties) =>
        DotNetProcess.Run(Path.GetDirectoryName(project)!, TimeSpan.FromMinutes(10),
            ["build", project, "-nologo", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. properties.Select(p => "-p:" + p)]);
}

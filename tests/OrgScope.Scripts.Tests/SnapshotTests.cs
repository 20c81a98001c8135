using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using OrgScope.Plan.Rendering.Sql;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>
/// The emitted files compared byte for byte with committed copies under Snapshots/&lt;model&gt;/, so every change to the
/// SQL shows up in review. ORGSCOPE_UPDATE_SNAPSHOTS=1 rewrites them on purpose (then read the diff).
/// </summary>
public sealed class SnapshotTests
{
    private static bool Updating => Environment.GetEnvironmentVariable("ORGSCOPE_UPDATE_SNAPSHOTS") == "1";

    // The sample's files are compared with the committed samples/OrgScope.Sample/scripts/orgscope by the generator's
    // snapshot test (OrgScope.Generators.Tests), so they are not kept a second time here.
    public static TheoryData<string> Models() => new() { "string-key", "long-names", "sourceless", "pt-osc-no-foreign-keys", "gh-ost", "insert-triggers" };

    private static readonly string[] DeliveryVariants = ["pt-osc-no-foreign-keys", "gh-ost", "insert-triggers"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Files_match_the_committed_snapshots(string model)
    {
        var folder = Path.Combine(SourceFolder(), "Snapshots", model);
        // The sample under other script options: only the files the options add or change are kept.
        var sample = SqlScripts.Emit(SampleModels.Sample()).ToDictionary(f => f.Name, f => f.Content);
        var files = SqlScripts.Emit(Portability.PortabilityTests.Model(model))
            .Where(f => !DeliveryVariants.Contains(model) || sample.GetValueOrDefault(f.Name) != f.Content)
            .ToList();
        if (Updating)
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder))
            {
                File.Delete(stale);
            }

            foreach (var file in files)
            {
                File.WriteAllText(Path.Combine(folder, file.Name), file.Content);
            }
        }

        Assert.Equal(files.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal),
            Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var file in files)
        {
            var expected = File.ReadAllText(Path.Combine(folder, file.Name));
            Assert.True(expected == file.Content,
                $"{model}/{file.Name} differs from its snapshot; if intended, rerun with ORGSCOPE_UPDATE_SNAPSHOTS=1 and review the diff.");
        }
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

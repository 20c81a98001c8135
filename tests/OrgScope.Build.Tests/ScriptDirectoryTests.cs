using OrgScope.Plan;
using OrgScope.ScriptWriter;

namespace OrgScope.Build.Tests;

/// <summary>The folder sync at the heart of the writer: only changed bytes are written, stale files go, others stay.</summary>
public sealed class ScriptDirectoryTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly Infrastructure.TempFolder _folder = new();

    private string Out => _folder.Path;

    [Fact]
    public void Writes_every_file_and_a_manifest_that_lists_them()
    {
        var result = ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "SELECT 1;\n"), new PlanFile("plan.md", "# Plan\n")]);

        Assert.Equal(["001-a.sql", "plan.md"], result.Written);
        Assert.Equal("SELECT 1;\n", File.ReadAllText(Path.Combine(Out, "001-a.sql")));
        Assert.Equal("# Plan\n", File.ReadAllText(Path.Combine(Out, "plan.md")));
        var manifest = File.ReadAllLines(Path.Combine(Out, ScriptDirectory.ManifestName)).Where(l => !l.StartsWith('#'));
        Assert.Equal(["001-a.sql", "plan.md"], manifest);
    }

    [Fact]
    public void Unchanged_content_keeps_the_file_and_its_timestamp()
    {
        ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "SELECT 1;\n"), new PlanFile("plan.md", "# Plan\n")]);
        var kept = Path.Combine(Out, "001-a.sql");
        File.SetLastWriteTimeUtc(kept, LongAgo);

        var result = ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "SELECT 1;\n"), new PlanFile("plan.md", "# Plan, changed\n")]);

        Assert.Equal(["plan.md"], result.Written);
        Assert.Equal(["001-a.sql"], result.Unchanged);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(kept));
        Assert.Equal("# Plan, changed\n", File.ReadAllText(Path.Combine(Out, "plan.md")));
    }

    [Fact]
    public void Content_is_written_as_utf8_without_a_byte_order_mark()
    {
        ScriptDirectory.Sync(Out, [new PlanFile("plan.md", "é\n")]);

        Assert.Equal([0xC3, 0xA9, 0x0A], File.ReadAllBytes(Path.Combine(Out, "plan.md")));
    }

    [Fact]
    public void A_file_the_plan_dropped_is_removed_but_a_file_a_person_added_is_kept()
    {
        ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "a"), new PlanFile("rollback-old.sql", "old")]);
        File.WriteAllText(Path.Combine(Out, "notes.md"), "mine");

        var result = ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "a")]);

        Assert.Equal(["rollback-old.sql"], result.Removed);
        Assert.False(File.Exists(Path.Combine(Out, "rollback-old.sql")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.md")));
        Assert.DoesNotContain("rollback-old.sql", File.ReadAllText(Path.Combine(Out, ScriptDirectory.ManifestName)));
    }

    [Fact]
    public void A_manifest_entry_that_leads_outside_the_folder_is_never_deleted()
    {
        var victim = Path.Combine(_folder.Path, "victim.txt");
        File.WriteAllText(victim, "keep");
        var scripts = Path.Combine(_folder.Path, "scripts");
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, ScriptDirectory.ManifestName), "../victim.txt\n");

        ScriptDirectory.Sync(scripts, [new PlanFile("001-a.sql", "a")]);

        Assert.True(File.Exists(victim));
    }

    [Fact]
    public void A_changed_file_is_replaced_by_rename_so_a_reader_never_sees_it_half_written()
    {
        var path = Path.Combine(Out, "001-a.sql");
        ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "old content\n")]);

        // A reader that opened the file before the write keeps reading the old file whole: the new bytes went to a
        // new file that was renamed over it. An in-place overwrite would show this reader new or mixed bytes.
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "new content, longer than before\n")]);

        Assert.Equal("old content\n", new StreamReader(reader).ReadToEnd());
        Assert.Equal("new content, longer than before\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Out, "*" + AtomicFile.TempSuffix));
    }

    [Theory]
    [InlineData("../escape.sql")]
    [InlineData("sub/001.sql")]
    [InlineData("sub\\001.sql")]
    [InlineData(".orgscope-files")]
    [InlineData("")]
    public void A_file_name_that_is_not_plain_is_refused_before_anything_is_written(string name)
    {
        var scripts = Path.Combine(Out, "scripts");

        var error = Assert.Throws<PlanException>(() => ScriptDirectory.Sync(scripts, [new PlanFile("001-a.sql", "a"), new PlanFile(name, "x")]));

        Assert.Contains("not a plain file name", error.Message);
        Assert.False(Directory.Exists(scripts));
    }

    [Fact]
    public void A_name_listed_twice_is_refused()
    {
        var error = Assert.Throws<PlanException>(() => ScriptDirectory.Sync(Out, [new PlanFile("a.sql", "1"), new PlanFile("a.sql", "2")]));

        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void A_temp_file_left_by_a_killed_writer_is_cleaned_up_once_it_is_old()
    {
        var abandoned = Path.Combine(Out, ".001-a.sql.deadbeef" + AtomicFile.TempSuffix);
        var recent = Path.Combine(Out, ".001-a.sql.cafebabe" + AtomicFile.TempSuffix);
        File.WriteAllText(abandoned, "half");
        File.WriteAllText(recent, "in progress");
        File.SetLastWriteTimeUtc(abandoned, LongAgo);

        ScriptDirectory.Sync(Out, [new PlanFile("001-a.sql", "a")]);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
    }

    public void Dispose() => _folder.Dispose();
}

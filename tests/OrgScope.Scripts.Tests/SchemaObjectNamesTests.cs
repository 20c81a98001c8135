using OrgScope.Plan.Rendering.Sql;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>Index and foreign key names: readable, deterministic, and within MySQL's 64 characters.</summary>
public sealed class SchemaObjectNamesTests
{
    [Fact]
    public void Short_names_are_prefix_table_column()
    {
        Assert.Equal("ix_tasks_organization_id", SchemaObjectNames.Index("tasks", "organization_id"));
        Assert.Equal("fk_tasks_organization_id", SchemaObjectNames.ForeignKey("tasks", "organization_id"));
    }

    [Fact]
    public void A_name_of_exactly_64_characters_is_kept()
    {
        var table = new string('t', 64 - "ix__organization_id".Length);
        var name = SchemaObjectNames.Index(table, "organization_id");
        Assert.Equal(64, name.Length);
        Assert.Equal("ix_" + table + "_organization_id", name);
    }

    [Fact]
    public void A_longer_name_is_cut_to_64_with_a_stable_hash()
    {
        var table = new string('t', 64 - "ix__organization_id".Length + 1);
        var name = SchemaObjectNames.Index(table, "organization_id");
        Assert.Equal(64, name.Length);
        Assert.StartsWith("ix_ttt", name);
        Assert.Matches("_[0-9a-f]{8}$", name);
        Assert.Equal(name, SchemaObjectNames.Index(table, "organization_id"));
        // Pinned: the hash must not change between builds, machines or runtimes (names are in live schemas).
        Assert.Equal(SchemaObjectNames.Fit("ix_" + table + "_organization_id"), name);
    }

    [Fact]
    public void Hash_is_pinned()
    {
        // FNV-1a of the UTF-8 text; a changed algorithm would orphan names already in users' schemas.
        var full = "ix_" + SampleModels.LongTable + "_" + SampleModels.LongColumn;
        Assert.Equal(full.Substring(0, 55) + "_" + Fnv(full), SchemaObjectNames.Index(SampleModels.LongTable, SampleModels.LongColumn));
        Assert.Equal("ix_t234567890123456789012345678901234567890123456789012_09ff56f7", SchemaObjectNames.Index(SampleModels.LongTable, SampleModels.LongColumn));
        Assert.Equal("811c9dc5", Fnv(""));
        Assert.Equal("e40c292c", Fnv("a"));
    }

    [Fact]
    public void Long_names_that_share_a_prefix_stay_distinct()
    {
        var a = SchemaObjectNames.ForeignKey(SampleModels.LongTable, SampleModels.LongColumn);
        var b = SchemaObjectNames.ForeignKey(SampleModels.LongTable, SampleModels.LongColumn.Replace('4', '5'));
        Assert.Equal(64, a.Length);
        Assert.Equal(64, b.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Index_and_foreign_key_names_differ()
    {
        Assert.NotEqual(SchemaObjectNames.Index(SampleModels.LongTable, SampleModels.LongColumn),
            SchemaObjectNames.ForeignKey(SampleModels.LongTable, SampleModels.LongColumn));
    }

    // The reference implementation of the documented hash, independent of the code under test.
    private static string Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash.ToString("x8");
    }
}

using System.Text.Json;
using OrgScope.Generators.Building;
using OrgScope.Generators.Emit.Plan;
using OrgScope.Generators.Parsing;
using OrgScope.Shared;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>The small pure pieces: naming convention, identifier rule, type-name normalisation, the JSON writer.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("User", "users")]
    [InlineData("UserReward", "user_rewards")]
    [InlineData("Category", "categories")]
    [InlineData("Day", "days")]
    [InlineData("Box", "boxes")]
    [InlineData("Status", "statuses")]
    [InlineData("Batch", "batches")]
    [InlineData("HTTPLog", "http_logs")]
    public void Table_names(string type, string table) => Assert.Equal(table, NamingConvention.TableName(type));

    [Theory]
    [InlineData("CurrentOrganizationId", "current_organization_id")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("UserID", "user_id")]
    [InlineData("Address2Line", "address2_line")]
    [InlineData("Id", "id")]
    [InlineData("already_snake", "already_snake")]
    public void Column_names(string property, string column) => Assert.Equal(column, NamingConvention.ColumnName(property));

    [Theory]
    [InlineData("users", true)]
    [InlineData("user$2", true)]
    [InlineData("_x", true)]
    [InlineData("", false)]
    [InlineData("123", false)]
    [InlineData("user-id", false)]
    [InlineData("user id", false)]
    [InlineData("id ", false)]
    [InlineData("a`b", false)]
    [InlineData("a\0b", false)]
    [InlineData("café", false)]
    public void MySql_identifiers(string name, bool valid) => Assert.Equal(valid, MySqlIdentifier.Problem(name) is null);

    [Fact]
    public void MySql_identifier_length_limit()
    {
        Assert.Null(MySqlIdentifier.Problem(new string('a', 64)));
        Assert.NotNull(MySqlIdentifier.Problem(new string('a', 65)));
    }

    [Theory]
    [InlineData("bigint", "BIGINT")]
    [InlineData("  bigint   unsigned ", "BIGINT UNSIGNED")]
    [InlineData("varchar (64)", "VARCHAR(64)")]
    [InlineData("decimal(10, 2) unsigned", "DECIMAL(10,2) UNSIGNED")]
    [InlineData("bigint); drop table users; --", null)]
    [InlineData("int) , x(", null)]
    [InlineData("varchar(64", null)]
    [InlineData("'x'", null)]
    [InlineData("", null)]
    public void Column_type_names(string written, string? normalized) => Assert.Equal(normalized, SqlTypeMapper.NormalizeTypeName(written));

    [Fact]
    public void Json_writer_escapes_and_round_trips()
    {
        var tricky = "quote \" backslash \\ newline \n tab \t nul \0 bell \a unicode é → 🙂 lone \ud800 end";
        var writer = new JsonWriter();
        writer.StartObject();
        writer.Property("text", tricky);
        writer.Property("none", null);
        writer.Name("empty");
        writer.StartArray();
        writer.EndArray();
        writer.Name("obj");
        writer.StartObject();
        writer.EndObject();
        writer.Name("n");
        writer.Number(-12);
        writer.EndObject();
        var json = writer.ToString();

        using var document = JsonDocument.Parse(json);
        var text = document.RootElement.GetProperty("text").GetString()!;
        Assert.Equal(tricky.Replace("\ud800", "\ufffd", StringComparison.Ordinal), text);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("none").ValueKind);
        Assert.Equal(-12, document.RootElement.GetProperty("n").GetInt32());
        Assert.Contains("\"empty\": []", json, StringComparison.Ordinal);
        Assert.Contains("\"obj\": {}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Contains("\\u0000", json, StringComparison.Ordinal);
        Assert.Contains("\\ufffd", json, StringComparison.Ordinal);
    }
}

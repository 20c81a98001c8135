using OrgScope.Runtime.Preflight;

namespace OrgScope.Cli.Tests;

/// <summary>The rules behind <c>check</c> that no local server can exercise: other versions and flavours, type spellings.</summary>
public sealed class PreflightRulesTests
{
    [Theory]
    [InlineData("8.0.11", ServerFlavor.MySql, false, false)]
    [InlineData("8.0.12", ServerFlavor.MySql, true, true)]
    [InlineData("8.4.3-log", ServerFlavor.MySql, true, true)]
    [InlineData("5.7.44-log", ServerFlavor.MySql, false, false)]
    [InlineData("10.3.1-MariaDB", ServerFlavor.MariaDb, false, false)]
    [InlineData("10.3.2-MariaDB", ServerFlavor.MariaDb, true, false)]
    [InlineData("10.11.6-MariaDB-0+deb12u1", ServerFlavor.MariaDb, true, true)]
    [InlineData("5.5.5-10.11.6-MariaDB", ServerFlavor.MariaDb, true, true)]
    public void Server_version_decides_INSTANT_and_support(string version, ServerFlavor flavor, bool instant, bool supported)
    {
        var server = ServerInfo.Parse(version);

        Assert.Equal(flavor, server.Flavor);
        Assert.Equal(instant, server.InstantAddColumn);
        Assert.Equal(supported, server.Supported);
    }

    [Theory]
    [InlineData("BIGINT", "bigint(20)", TypeMatch.Same)]
    [InlineData("BIGINT UNSIGNED", "bigint(20) unsigned", TypeMatch.Same)]
    [InlineData("INT", "integer", TypeMatch.Same)]
    [InlineData("CHAR(36)", "char(36)", TypeMatch.Same)]
    [InlineData("BIGINT", "int(11)", TypeMatch.Compatible)]
    [InlineData("BIGINT", "bigint(20) unsigned", TypeMatch.Compatible)]
    [InlineData("CHAR(36)", "varchar(36)", TypeMatch.Compatible)]
    [InlineData("BIGINT", "varchar(50)", TypeMatch.Different)]
    [InlineData("BINARY(16)", "char(36)", TypeMatch.Different)]
    public void Column_types_compare_without_display_widths(string expected, string actual, TypeMatch match) =>
        Assert.Equal(match, ColumnType.Compare(expected, actual));

    [Theory]
    [InlineData("bigint(20)", null, "bigint(20)", null, KeyMismatch.None)]
    [InlineData("bigint(20)", null, "bigint(20) unsigned", null, KeyMismatch.Signedness)]
    [InlineData("int(11)", null, "bigint(20)", null, KeyMismatch.Size)]
    [InlineData("int(10) unsigned", null, "bigint(20) unsigned", null, KeyMismatch.Size)]
    [InlineData("bigint(20)", null, "varchar(20)", "utf8mb4_general_ci", KeyMismatch.Family)]
    [InlineData("char(36)", "utf8mb4_general_ci", "varchar(64)", "utf8mb4_general_ci", KeyMismatch.None)]
    [InlineData("char(36)", "utf8mb4_general_ci", "char(36)", "utf8mb4_bin", KeyMismatch.Collation)]
    [InlineData("char(36)", "utf8mb4_general_ci", "char(36)", "latin1_swedish_ci", KeyMismatch.Charset)]
    public void Foreign_keys_pair_integers_of_one_size_and_sign_and_text_of_one_collation(
        string fromType, string? fromCollation, string toType, string? toCollation, KeyMismatch expected)
    {
        static ColumnDefinition Column(string type, string? collation) =>
            new(type, collation is null ? null : ColumnDefinition.CharsetOf(collation), collation);

        Assert.Equal(expected, KeyCompatibility.ForeignKey(Column(fromType, fromCollation), Column(toType, toCollation)));
    }

    [Theory]
    [InlineData("CHAR(36)", "utf8mb4", "utf8mb4_general_ci", "utf8mb4", "utf8mb4_general_ci")]
    [InlineData("CHAR(36) CHARACTER SET ASCII COLLATE ASCII_BIN", "utf8mb4", "utf8mb4_general_ci", "ascii", "ascii_bin")]
    [InlineData("CHAR(36) COLLATE UTF8MB4_BIN", "utf8mb4", "utf8mb4_general_ci", "utf8mb4", "utf8mb4_bin")]
    [InlineData("CHAR(36) CHARACTER SET latin1", "utf8mb4", "utf8mb4_general_ci", "latin1", null)]
    [InlineData("BIGINT", "utf8mb4", "utf8mb4_general_ci", null, null)]
    public void A_planned_column_takes_the_collation_its_type_names_else_the_tables(
        string planType, string tableCharset, string tableCollation, string? charset, string? collation)
    {
        var planned = ColumnDefinition.Planned(planType, tableCharset, tableCollation);

        Assert.Equal((charset, collation), (planned.Charset, planned.Collation));
        Assert.Equal(TypeMatch.Same, ColumnType.Compare(planType, planned.Type));
    }

    [Fact]
    public void Suggested_index_names_stay_within_64_characters()
    {
        var table = new string('t', 60);

        var statement = IndexAdvice.CreateIndex(table, "assigned_to");

        Assert.Equal(64, IndexAdvice.IndexName(table, "assigned_to").Length);
        Assert.Equal($"CREATE INDEX `{IndexAdvice.IndexName(table, "assigned_to")}` ON `{table}` (`assigned_to`) ALGORITHM=INPLACE LOCK=NONE;", statement);
    }
}

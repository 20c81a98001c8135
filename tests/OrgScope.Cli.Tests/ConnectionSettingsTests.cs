using OrgScope.Runtime.Connection;

namespace OrgScope.Cli.Tests;

/// <summary>Connection settings and run defaults from the environment: no database needed.</summary>
public sealed class ConnectionSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void DB_variables_make_a_connection_whose_description_has_no_password()
    {
        var settings = ConnectionSettings.Resolve(null, Env(
            ("DB_HOST", "db.internal"), ("DB_PORT", "3307"), ("DB_USER", "app"), ("DB_PASSWORD", "Hunter2-Secret"), ("DB_NAME", "crm")));

        Assert.Equal("app@db.internal:3307/crm", settings.Description);
        Assert.Equal("DB_* variables", settings.Origin);
        Assert.Contains("Hunter2-Secret", settings.ConnectionString);
        Assert.Equal("oops *** leaked", settings.Redactor.Redact("oops Hunter2-Secret leaked"));
    }

    [Fact]
    public void The_connection_option_wins_over_DB_variables()
    {
        var settings = ConnectionSettings.Resolve("Server=primary;Database=crm;User ID=ops;Password=x1y2z3", Env(("DB_HOST", "other"), ("DB_NAME", "other")));

        Assert.Equal("ops@primary:3306/crm", settings.Description);
    }

    [Theory]
    [InlineData(null, null, "No database connection: pass --connection")]
    [InlineData("Server=h;User ID=u", null, "names no database: set DB_NAME, or Database= in --connection")]
    [InlineData("Server=h;Database=d;Bogus=1;Password=Sekr1t-Zz", null, "--connection is not a valid MySQL connection string")]
    [InlineData(null, "70000", "DB_PORT must be a TCP port number (1-65535), not '70000'")]
    public void Unusable_settings_are_one_configuration_line(string? option, string? port, string expected)
    {
        var env = port is null ? Env() : Env(("DB_HOST", "h"), ("DB_NAME", "d"), ("DB_USER", "u"), ("DB_PORT", port));

        var ex = Assert.Throws<OperatorException>(() => ConnectionSettings.Resolve(option, env));

        Assert.Equal(FailureKind.Configuration, ex.Kind);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("Sekr1t-Zz", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("1", "500", true, 500)]
    [InlineData("0", null, false, null)]
    [InlineData(null, null, false, null)]
    public void DRY_RUN_and_BATCH_SIZE_become_the_defaults(string? dryRun, string? batchSize, bool expectedDryRun, int? expectedBatch)
    {
        var defaults = RunDefaults.FromEnvironment(name => name switch { "DRY_RUN" => dryRun, "BATCH_SIZE" => batchSize, _ => null });

        Assert.Equal(expectedDryRun, defaults.DryRun);
        Assert.Equal(expectedBatch, defaults.BatchSize);
    }

    [Fact]
    public void A_DRY_RUN_typo_is_refused_rather_than_read_as_write()
    {
        var ex = Assert.Throws<OperatorException>(() => RunDefaults.FromEnvironment(name => name == "DRY_RUN" ? "ture" : null));

        Assert.Equal(FailureKind.Usage, ex.Kind);
        Assert.Contains("DRY_RUN must be 1 or 0", ex.Message);
    }
}

using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>
/// Test compilations reference .NET 10 reference assemblies (Basic.Reference.Assemblies) and the real Dapper,
/// MySqlConnector, MySql.Data, EF Core and OrgScope.Abstractions assemblies from the test process: nothing is downloaded.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference-assembly package: the framework's resolver has nothing to download.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Net100.References.All
        .Cast<MetadataReference>()
        .Concat(new[]
        {
            typeof(Dapper.SqlMapper).Assembly.Location,
            typeof(MySqlConnector.MySqlConnection).Assembly.Location,
            typeof(MySql.Data.MySqlClient.MySqlHelper).Assembly.Location,
            typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location,
            typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions).Assembly.Location,
            typeof(OrgScope.OrgScopedAttribute).Assembly.Location,
        }.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .ToImmutableArray();
}

using OrgScope.Testing;

namespace OrgScope.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One pack and one throwaway MariaDB for every end-to-end test; the tests run one at a time (each builds real
/// projects, and two builds at once on a small machine only make both slow).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<LocalFeed>, ICollectionFixture<MariaDbServer>
{
    public const string Name = "End to end";
}

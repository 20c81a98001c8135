using OrgScope.Testing;

namespace OrgScope.Cli.Tests;

[CollectionDefinition("MariaDB")]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
}

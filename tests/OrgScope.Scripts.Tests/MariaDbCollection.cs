using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>One throwaway MariaDB for the whole assembly.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
    public const string Name = "MariaDB";
}

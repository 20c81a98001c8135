using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Sinks
{
    /// <summary>The types the sinks are recognised by, looked up once per compilation (absent ones stay null).</summary>
    internal sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            SqlMapper = compilation.GetTypeByMetadataName("Dapper.SqlMapper");
            CommandDefinition = compilation.GetTypeByMetadataName("Dapper.CommandDefinition");
            DbCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbCommand");
            DbBatchCommand = compilation.GetTypeByMetadataName("System.Data.Common.DbBatchCommand");
            IDbCommand = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
            RelationalQueryableExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
            RelationalDatabaseFacadeExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
            SqlAttribute = compilation.GetTypeByMetadataName("OrgScope.SqlAttribute");
            AllowCrossOrgAttribute = compilation.GetTypeByMetadataName("OrgScope.AllowCrossOrgAttribute");
            OrgScopedAttribute = compilation.GetTypeByMetadataName("OrgScope.OrgScopedAttribute");
            OrgScopedTablesAttribute = compilation.GetTypeByMetadataName("OrgScope.OrgScopedTablesAttribute");
            TableAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.TableAttribute");
            ColumnAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.Schema.ColumnAttribute");
            KeyAttribute = compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.KeyAttribute");
            StringBuilder = compilation.GetTypeByMetadataName("System.Text.StringBuilder");
        }

        public INamedTypeSymbol? SqlMapper { get; }

        public INamedTypeSymbol? CommandDefinition { get; }

        public INamedTypeSymbol? DbCommand { get; }

        public INamedTypeSymbol? IDbCommand { get; }

        public INamedTypeSymbol? DbBatchCommand { get; }

        public INamedTypeSymbol? RelationalQueryableExtensions { get; }

        public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }

        public INamedTypeSymbol? SqlAttribute { get; }

        public INamedTypeSymbol? AllowCrossOrgAttribute { get; }

        public INamedTypeSymbol? OrgScopedAttribute { get; }

        public INamedTypeSymbol? OrgScopedTablesAttribute { get; }

        public INamedTypeSymbol? TableAttribute { get; }

        public INamedTypeSymbol? ColumnAttribute { get; }

        public INamedTypeSymbol? KeyAttribute { get; }

        public INamedTypeSymbol? StringBuilder { get; }
    }
}

namespace OrgScope.Generators.Tests.Models;

/// <summary>Small annotated models shared by the snapshot and convention tests.</summary>
internal static class SmallModels
{
    /// <summary>Conventions and overrides: convention table names, [Column] names, a custom org column, a 3-level chain.</summary>
    public const string Conventions = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Shop;

        [OrgRoot(Table = "tenants")]
        public class Tenant { public int Id { get; set; } }

        // Newer rows are written with tenant_id already: nothing to infer.
        [OrgScoped(Column = "tenant_id")]
        public class Category
        {
            public int Id { get; set; }
            public int? TenantId { get; set; }
        }

        [OrgScoped(Column = "tenant_id", InferFrom = [nameof(CategoryId), nameof(OwnerTenant)], OnConflict = OrgConflictPolicy.FirstSourceWins)]
        public class Product
        {
            [Column("product_no")] public long Id { get; set; }
            public int CategoryId { get; set; }
            [References(typeof(Tenant)), Column("owner_tenant")] public int? OwnerTenant { get; set; }
        }

        [OrgScoped(Column = "tenant_id", InferFrom = [nameof(ProductId)])]
        [Table("order_lines")]
        public class OrderLine
        {
            [Key, Column("line_id", Order = 2)] public long LineNumber { get; set; }
            [Key, Column(Order = 1), StringLength(20)] public string OrderCode { get; set; } = "";
            public long ProductId { get; set; }
        }
        """;

    /// <summary>A Guid root, a membership with custom names, and unsigned / TypeName key types.</summary>
    public const string GuidsAndMemberships = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Crm;

        [OrgRoot, Table("companies")]
        public class Company { [Key] public Guid CompanyKey { get; set; } }

        [OrgMembership(Table = "seats", Member = nameof(AgentId), Organization = nameof(CompanyRef), Primary = nameof(IsHome))]
        public class Seat
        {
            [Key] public uint AgentId { get; set; }
            [Key] public Guid CompanyRef { get; set; }
            public bool? IsHome { get; set; }
        }

        [OrgScoped(InferFrom = [nameof(Seat)])]
        public class Agent
        {
            public uint Id { get; set; }
            public Guid? OrganizationId { get; set; }
        }

        [OrgScoped(InferFrom = [nameof(AgentId)])]
        public class Ticket
        {
            [Column(TypeName = "bigint unsigned")] public ulong Id { get; set; }
            public uint AgentId { get; set; }
        }
        """;
}

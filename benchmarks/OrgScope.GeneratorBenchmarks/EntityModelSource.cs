using System.Text;

namespace OrgScope.GeneratorBenchmarks;

/// <summary>
/// A synthetic model of N scoped entities, one file each, shaped like a real app: a root, a membership, a member
/// entity, and entities that infer their organization from a parent entity (a tree, so run order has depth log N),
/// a direct organization reference, and every fourth leaf a composite key.
/// </summary>
internal static class EntityModelSource
{
    public static IReadOnlyList<(string Path, string Source)> Create(int scopedEntities)
    {
        var files = new List<(string, string)>
        {
            ("Organization.cs", Header + "[OrgRoot] public class Organization { public long Id { get; set; } public string Name { get; set; } = \"\"; }\n"),
            ("Membership.cs", Header + """
                [OrgMembership(Member = nameof(Entity0Id), Organization = nameof(OrganizationId), Primary = nameof(IsPrimary))]
                public class Membership
                {
                    [Key] public long Entity0Id { get; set; }
                    [Key] public long OrganizationId { get; set; }
                    public bool IsPrimary { get; set; }
                }
                """),
        };

        for (var i = 0; i < scopedEntities; i++)
        {
            files.Add(($"Entity{i}.cs", Entity(i, scopedEntities)));
        }

        return files;
    }

    private const string Header = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace Bench.Entities;


        """;

    private static string Entity(int i, int count)
    {
        var source = new StringBuilder(Header);
        if (i == 0)
        {
            source.Append("""
                [OrgScoped(InferFrom = [nameof(Membership), nameof(CurrentOrganizationId)])]
                public class Entity0
                {
                    public long Id { get; set; }
                    public string Email { get; set; } = "";
                    [References(typeof(Organization))] public long? CurrentOrganizationId { get; set; }
                }
                """);
            return source.ToString();
        }

        var parent = (i - 1) / 2;
        // Composite keys only on leaves: a reference can point at a single-column key only.
        var composite = i % 4 == 0 && (2 * i) + 1 >= count;
        source.Append($$"""
            [OrgScoped(InferFrom = [nameof(Entity{{parent}}Id), nameof(OwnerOrganization)]{{(i % 3 == 0 ? ", OnConflict = OrgConflictPolicy.FirstSourceWins" : "")}})]
            [Table("entity_{{i}}")]
            public class Entity{{i}}
            {
                {{(composite ? "[Key, Column(Order = 1)] public long TenantRow { get; set; }\n    [Key, Column(Order = 2)] public int Line { get; set; }" : "public long Id { get; set; }")}}
                public string Name { get; set; } = "";
                public DateTime CreatedAt { get; set; }
                public long? Entity{{parent}}Id { get; set; }
                [References(typeof(Organization)), Column("owner_org")] public long? OwnerOrganization { get; set; }
                public long? OrganizationId { get; set; }
            }
            """);
        return source.ToString();
    }
}

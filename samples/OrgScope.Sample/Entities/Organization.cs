using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>A customer organization: the tenant every other row belongs to.</summary>
[OrgRoot]
[Table("organizations")]
public class Organization
{
    public long Id { get; set; }

    public string Name { get; set; } = "";
}

using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>A user's membership of an organization; at most one per user should be primary.</summary>
[OrgMembership(Member = nameof(UserId), Organization = nameof(OrganizationId), Primary = nameof(IsPrimary))]
[Table("user_organizations")]
public class UserOrganization
{
    [Key]
    public long UserId { get; set; }

    [Key]
    public long OrganizationId { get; set; }

    public bool IsPrimary { get; set; }
}

using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>
/// A user. Its organization is its primary membership; the legacy <c>current_organization_id</c>
/// (the organization last selected in the UI) is the fallback, and a disagreement is reported.
/// </summary>
[OrgScoped(InferFrom = [nameof(UserOrganization), nameof(CurrentOrganizationId)])]
[Table("users")]
public class User
{
    public long Id { get; set; }

    public string Email { get; set; } = "";

    [References(typeof(Organization))]
    public long? CurrentOrganizationId { get; set; }

    public long? OrganizationId { get; set; }
}

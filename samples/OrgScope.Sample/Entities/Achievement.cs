using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>
/// An achievement. Newer code already writes <c>organization_id</c>: those values are kept as they are;
/// the rest come from the creating user.
/// </summary>
[OrgScoped(InferFrom = [nameof(CreatedBy)])]
[Table("achievements")]
public class Achievement
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    [References(typeof(User))]
    public long? CreatedBy { get; set; }

    public long? OrganizationId { get; set; }
}

using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>A reward an organization offers; it belongs to the organization of the user who created it.</summary>
[OrgScoped(InferFrom = [nameof(CreatedBy)])]
[Table("rewards")]
public class Reward
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    [References(typeof(User))]
    public long? CreatedBy { get; set; }
}

using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>A reward granted to a user (composite key). The user and the reward must agree on the organization.</summary>
[OrgScoped(InferFrom = [nameof(UserId), nameof(RewardId)])]
[Table("user_rewards")]
public class UserReward
{
    [Key]
    public long UserId { get; set; }

    [Key]
    public long RewardId { get; set; }

    public DateTime GrantedAt { get; set; }
}

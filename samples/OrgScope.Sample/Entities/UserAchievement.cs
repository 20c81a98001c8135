using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>An achievement earned by a user (composite key): the achievement's organization first, else the user's.</summary>
[OrgScoped(InferFrom = [nameof(AchievementId), nameof(UserId)])]
[Table("user_achievements")]
public class UserAchievement
{
    [Key]
    public long UserId { get; set; }

    [Key]
    public long AchievementId { get; set; }

    public DateTime EarnedAt { get; set; }
}

using System.ComponentModel.DataAnnotations.Schema;
using OrgScope;

namespace OrgScope.Sample.Entities;

/// <summary>A task; it belongs to the organization of the user it is assigned to.</summary>
[OrgScoped(InferFrom = [nameof(AssignedTo)])]
[Table("tasks")]
public class TaskItem
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    [References(typeof(User))]
    public long? AssignedTo { get; set; }
}

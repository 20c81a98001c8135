using System.Text.Json.Serialization;

namespace OrgScope.Plan;

/// <summary>
/// The plan document's JSON contract, generated at compile time: reading a plan then needs no reflection over the
/// document types, which is most of the cost of the first read in a fresh process (every <c>orgscope</c> command).
/// </summary>
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;

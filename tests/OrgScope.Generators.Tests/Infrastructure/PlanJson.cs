using Microsoft.CodeAnalysis;
using Xunit;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>The plan JSON exactly as compiled: the value of the generated const, read back through the compiler.</summary>
internal static class PlanJson
{
    public static string FromRun(GeneratorRun run)
    {
        var type = run.OutputCompilation.GetTypeByMetadataName("OrgScope.Generated.OrgScopePlan");
        Assert.NotNull(type);
        var field = type!.GetMembers("Json").OfType<IFieldSymbol>().Single();
        Assert.True(field.HasConstantValue);
        return Assert.IsType<string>(field.ConstantValue);
    }
}

using Microsoft.CodeAnalysis;
using OrgScope.Generators.Tests.Infrastructure;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>
/// Broken and half-typed code, as the IDE feeds it on every keystroke: the generator must never throw (no CS8785,
/// no AD0001), never fall back to its internal-failure diagnostic, and never emit a plan from code that does not bind.
/// </summary>
public sealed class RobustnessTests
{
    private const string Header = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace App;

        [OrgRoot]
        public class Organization { public long Id { get; set; } }

        """;

    public static TheoryData<string, string> BrokenSources() => new()
    {
        { "nameof of a missing member", """[OrgScoped(InferFrom = [nameof(Missing)])] public class User { public long Id { get; set; } }""" },
        { "typeof of a missing type", """[OrgScoped(InferFrom = [nameof(OwnerId)])] public class Pet { public long Id { get; set; } [References(typeof(Missing))] public long OwnerId { get; set; } }""" },
        { "missing property type", """[OrgScoped] public class User { public Missing Id { get; set; } }""" },
        { "missing key type with [Key]", """[OrgScoped] public class User { [Key] public Missing Code { get; set; } }""" },
        { "InferFrom of the wrong type", """[OrgScoped(InferFrom = 42)] public class User { public long Id { get; set; } }""" },
        { "InferFrom elements of the wrong type", """[OrgScoped(InferFrom = [1, 2])] public class User { public long Id { get; set; } }""" },
        { "Table of the wrong type", """[OrgScoped(Table = 5)] public class User { public long Id { get; set; } }""" },
        { "OnConflict of the wrong type", """[OrgScoped(OnConflict = "loud")] public class User { public long Id { get; set; } }""" },
        { "Member of the wrong type", """[OrgMembership(Member = typeof(User), Organization = 3, Primary = null)] public class M { public long UserId { get; set; } } [OrgScoped] public class User { public long Id { get; set; } }""" },
        { "References without argument", """[OrgScoped(InferFrom = [nameof(OwnerId)])] public class Pet { public long Id { get; set; } [References] public long OwnerId { get; set; } }""" },
        { "References of a non-type", """[OrgScoped(InferFrom = [nameof(OwnerId)])] public class Pet { public long Id { get; set; } [References("User")] public long OwnerId { get; set; } }""" },
        { "InferFrom null", """[OrgScoped(InferFrom = null)] public class User { public long Id { get; set; } }""" },
        { "unterminated attribute", """[OrgScoped(InferFrom = [nameof(Id)""" },
        { "unterminated class", """[OrgScoped(Table = "users")] public class User { public long Id { get; set; """ },
        { "attribute on nothing", """[OrgScoped(Table = "users")]""" },
        { "attribute on a struct", """[OrgScoped] public struct Point { public long Id { get; set; } }""" },
        { "attribute on an interface", """[OrgScoped] public interface IUser { long Id { get; set; } }""" },
        { "attribute on a method", """public class C { [OrgScoped] public void M() { } }""" },
        { "cyclic inheritance", """[OrgScoped] public class A : B { public long Id { get; set; } } public class B : A { }""" },
        { "generic entity", """[OrgScoped] public class Box<T> { public long Id { get; set; } public T? Value { get; set; } }""" },
        { "record entity", """[OrgScoped(InferFrom = [nameof(OrganizationId)])] public record Note(long Id, long OrganizationId);""" },
        { "indexer and static members", """[OrgScoped] public class User { public long Id { get; set; } public int this[int i] => i; public static long Count { get; set; } }""" },
        { "column TypeName injection", """[OrgScoped] public class User { [Column(TypeName = "bigint); DROP TABLE users; --")] public long Id { get; set; } }""" },
        { "duplicate attribute", """[OrgScoped, OrgScoped] public class User { public long Id { get; set; } }""" },
        { "all three attributes on one class", """[OrgScoped, OrgRoot, OrgMembership] public class Everything { public long Id { get; set; } }""" },
        { "empty InferFrom entry", """[OrgScoped(InferFrom = ["", null])] public class User { public long Id { get; set; } }""" },
        { "MaxLength without argument", """[OrgScoped] public class Tag { [Key, MaxLength] public string Code { get; set; } = ""; }""" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public void Broken_code_never_crashes_the_generator(string name, string source)
    {
        var run = GeneratorRun.Run(TestCompilation.Create(Header + source));

        Assert.True(run.DriverDiagnostics.IsEmpty, $"{name}: {string.Join("; ", run.DriverDiagnostics)}");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ORG100");
    }

    [Fact]
    public void Code_that_does_not_bind_gets_no_plan()
    {
        var run = GeneratorRun.Run(TestCompilation.Create(Header + """
            [OrgScoped(InferFrom = [nameof(Missing)])] public class User { public long Id { get; set; } }
            """));

        Assert.Null(run.Source("OrgScope.Plan.g.cs"));
        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Compilation_without_OrgScope_attributes_gets_nothing()
    {
        var run = GeneratorRun.Run(TestCompilation.Create("namespace App; public class User { public long Id { get; set; } }"));

        Assert.Empty(run.Result.GeneratedSources);
        Assert.Empty(run.Diagnostics);
    }
}

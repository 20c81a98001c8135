using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Generators.Building;
using OrgScope.Generators.Diagnostics;
using OrgScope.Generators.Emit.Plan;
using OrgScope.Generators.Emit.ScopedTables;
using OrgScope.Model;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators
{
    /// <summary>
    /// Annotated entities → migration plan. Pipeline: parse each [OrgScoped]/[OrgRoot]/[OrgMembership] class into an
    /// equatable spec → collect → ModelBuilder (validation, references, run order) → join the MSBuild script options →
    /// emit the plan class and the scoped-tables assembly attribute. Every step is cached on value equality, so unrelated edits do no work.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class OrgScopeGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var scoped = Entities(context, KnownTypes.OrgScopedAttribute, EntityKind.Scoped, TrackingNames.ScopedEntities);
            var roots = Entities(context, KnownTypes.OrgRootAttribute, EntityKind.Root, TrackingNames.RootEntities);
            var memberships = Entities(context, KnownTypes.OrgMembershipAttribute, EntityKind.Membership, TrackingNames.MembershipEntities);

            var entities = scoped.Collect()
                .Combine(roots.Collect())
                .Combine(memberships.Collect())
                .Select((all, _) => Sorted(all.Left.Left, all.Left.Right, all.Right))
                .WithTrackingName(TrackingNames.Entities);

            var model = entities
                .Select((all, cancellationToken) => ModelBuilder.Build(all, cancellationToken))
                .WithTrackingName(TrackingNames.Model);

            // Diagnostics show live in the IDE; the plan (megabytes of SQL for large models) is only needed in the built
            // assembly, so it is an implementation output that design-time builds skip.
            var diagnostics = model
                .Select((result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.ModelDiagnostics);

            var validModel = model
                .Select((result, _) => result.Model)
                .WithTrackingName(TrackingNames.ValidModel);

            // How the scripts are delivered (MSBuild properties): joined to the model only here, so that changing one
            // re-emits the plan without parsing or rebuilding the model, and an entity edit does not re-read the options.
            var scriptOptions = context.AnalyzerConfigOptionsProvider
                .Select((provider, _) => ScriptOptionsReader.Read(provider.GlobalOptions))
                .WithTrackingName(TrackingNames.ScriptOptions);

            var plan = validModel
                .Combine(scriptOptions)
                .Select((pair, _) => pair.Left is null ? null : pair.Left with { Options = pair.Right })
                .WithTrackingName(TrackingNames.Plan);

            var scopedTables = entities
                .Select((all, _) => ScopedTablesEmitter.Spec(all))
                .WithTrackingName(TrackingNames.ScopedTables);

            context.RegisterSourceOutput(diagnostics, ReportDiagnostics);
            context.RegisterImplementationSourceOutput(plan, EmitPlan);
            context.RegisterSourceOutput(scopedTables, EmitScopedTables);
        }

        private static IncrementalValuesProvider<EntitySpec> Entities(
            IncrementalGeneratorInitializationContext context, string attributeName, EntityKind kind, string trackingName) =>
            context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attributeName,
                    predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    transform: (syntaxContext, cancellationToken) => EntityParser.Parse(syntaxContext, kind, cancellationToken))
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(trackingName);

        /// <summary>All specs in full-name order, so nothing downstream depends on file order.</summary>
        private static EquatableArray<EntitySpec> Sorted(ImmutableArray<EntitySpec> scoped, ImmutableArray<EntitySpec> roots, ImmutableArray<EntitySpec> memberships) =>
            scoped.Concat(roots).Concat(memberships)
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ThenBy(e => e.Kind)
                .ThenBy(e => e.NameLocation?.FilePath, StringComparer.Ordinal)
                .ThenBy(e => e.NameLocation?.TextSpan.Start)
                .ToEquatableArray();

        private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        private static void EmitPlan(SourceProductionContext context, MigrationModel? model)
        {
            if (model is null)
            {
                return;
            }

            string source;
            try
            {
                source = PlanClassEmitter.Emit(model);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An emitter bug must not crash the build: report it and emit nothing.
                context.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, "the migration plan", ex.GetType().Name + ": " + ex.Message).ToDiagnostic());
                return;
            }

            context.AddSource(PlanClassEmitter.HintName, SourceText.From(source, Encoding.UTF8));
        }

        private static void EmitScopedTables(SourceProductionContext context, ScopedTablesSpec spec)
        {
            if (spec.Pairs.Count > 0)
            {
                context.AddSource(ScopedTablesEmitter.HintName, SourceText.From(ScopedTablesEmitter.Emit(spec), Encoding.UTF8));
            }
        }
    }
}

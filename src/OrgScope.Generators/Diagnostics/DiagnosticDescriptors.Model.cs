using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OrgScope.Generators.Diagnostics
{
    // Model rules (ORG1xx): reported by the generator on the attribute argument at fault. Any of them stops the plan.
    internal static partial class DiagnosticDescriptors
    {
        private const string ModelCategory = "OrgScope.Model";

        public static readonly DiagnosticDescriptor GeneratorFailure = Error(
            "ORG100", ModelCategory,
            "OrgScope could not process the model",
            "OrgScope could not process {0}: {1}. No migration plan was generated; please report this with the entity code.");

        public static readonly DiagnosticDescriptor UnknownSource = Error(
            "ORG101", ModelCategory,
            "InferFrom names no property and no membership",
            "InferFrom entry '{0}' of {1} names no property of {1} and no [OrgMembership] entity; use nameof(...) of a property or membership entity");

        public static readonly DiagnosticDescriptor SourceLeadsNowhere = Error(
            "ORG102", ModelCategory,
            "InferFrom source leads to no organization",
            "InferFrom entry '{0}' of {1} leads to no organization: {2}");

        public static readonly DiagnosticDescriptor InferenceCycle = Error(
            "ORG103", ModelCategory,
            "Organization inference cycle",
            "InferFrom entry '{0}' of {1} closes an inference cycle: {2}; no table in it can be filled first");

        public static readonly DiagnosticDescriptor MissingKey = Error(
            "ORG104", ModelCategory,
            "Entity has no key",
            "{0} has no key: mark its key properties with [Key] (several for a composite key) or add a property named Id");

        public static readonly DiagnosticDescriptor UnsupportedKey = Error(
            "ORG105", ModelCategory,
            "Unsupported key",
            "Key {0} of {1} is not supported: {2}");

        public static readonly DiagnosticDescriptor OrgKeyTypeMismatch = Error(
            "ORG106", ModelCategory,
            "Organization key type mismatch",
            "{0} is {1} but the [OrgRoot] key {2} is {3}; organization ids must have the root key's SQL type");

        public static readonly DiagnosticDescriptor DuplicateTable = Error(
            "ORG107", ModelCategory,
            "Two entities map to one table",
            "{0} maps to table '{1}', as {2} does; give each entity its own table");

        public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
            "ORG108", ModelCategory,
            "Invalid MySQL identifier",
            "'{0}' ({1} of {2}) is not a valid MySQL identifier: {3}");

        public static readonly DiagnosticDescriptor NoOrgRoot = Error(
            "ORG109", ModelCategory,
            "No [OrgRoot] entity",
            "{0} is [OrgScoped] but no entity in this compilation is marked [OrgRoot]; mark the organization entity with [OrgRoot]");

        public static readonly DiagnosticDescriptor SeveralOrgRoots = Error(
            "ORG110", ModelCategory,
            "Several [OrgRoot] entities",
            "{0} is marked [OrgRoot], as {1}; exactly one entity may be the organization root");

        public static readonly DiagnosticDescriptor AmbiguousReference = Error(
            "ORG111", ModelCategory,
            "Ambiguous reference",
            "'{0}' of {1} could reference any of {2}; declare the entity with [References(typeof(...))]");

        public static readonly DiagnosticDescriptor InvalidMembership = Error(
            "ORG112", ModelCategory,
            "Invalid [OrgMembership]",
            "[OrgMembership] on {0}: {1}");

        private static readonly ImmutableArray<DiagnosticDescriptor> ModelRules = ImmutableArray.Create(
            GeneratorFailure,
            UnknownSource,
            SourceLeadsNowhere,
            InferenceCycle,
            MissingKey,
            UnsupportedKey,
            OrgKeyTypeMismatch,
            DuplicateTable,
            InvalidIdentifier,
            NoOrgRoot,
            SeveralOrgRoots,
            AmbiguousReference,
            InvalidMembership);
    }
}

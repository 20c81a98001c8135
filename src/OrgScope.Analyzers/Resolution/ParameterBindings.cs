using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// What a followed method's parameters hold at one call: each parameter's argument, to be resolved where the call
    /// is (under that place's own bindings, when the call is itself inside a followed method). Keyed by the
    /// parameter's original definition, which is what the method's body refers to even when the call is generic.
    /// </summary>
    internal sealed class ParameterBindings
    {
        private readonly Dictionary<IParameterSymbol, IOperation> _arguments;

        private ParameterBindings(Dictionary<IParameterSymbol, IOperation> arguments, ParameterBindings? outer)
        {
            _arguments = arguments;
            Outer = outer;
        }

        /// <summary>The bindings under which the arguments themselves are resolved (null: the call site's own method).</summary>
        public ParameterBindings? Outer { get; }

        /// <summary>The bindings of one call: <paramref name="call"/>'s arguments, seen from <paramref name="outer"/>.</summary>
        public static ParameterBindings Of(IOperation call, ParameterBindings? outer)
        {
            var arguments = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (var argument in ArgumentsOf(call))
            {
                if (argument.Parameter != null && argument.ArgumentKind != ArgumentKind.ParamArray)
                {
                    arguments[argument.Parameter.OriginalDefinition] = argument.Value;
                }
            }

            return new ParameterBindings(arguments, outer);
        }

        public bool TryGet(IParameterSymbol parameter, out IOperation argument) => _arguments.TryGetValue(parameter.OriginalDefinition, out argument!);

        public static IEnumerable<IArgumentOperation> ArgumentsOf(IOperation call) => call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => System.Array.Empty<IArgumentOperation>(),
        };
    }
}

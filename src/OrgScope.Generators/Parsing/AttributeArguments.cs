using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrgScope.Generators.Diagnostics;

namespace OrgScope.Generators.Parsing
{
    /// <summary>
    /// Reads one attribute application: its argument values from <see cref="AttributeData"/> and, from its syntax, the
    /// location of each argument (and of each element of an array argument) so that diagnostics land on the argument.
    /// </summary>
    internal sealed class AttributeArguments
    {
        private readonly AttributeData _data;
        private readonly AttributeSyntax? _syntax;

        public AttributeArguments(AttributeData data, CancellationToken cancellationToken)
        {
            _data = data;
            _syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        }

        /// <summary>True when some argument did not bind (the compiler reports it); the model is then unreliable.</summary>
        public bool HasErrors
        {
            get
            {
                foreach (var argument in _data.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Error)
                    {
                        return true;
                    }
                }

                foreach (var argument in _data.NamedArguments)
                {
                    if (argument.Value.Kind == TypedConstantKind.Error)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public LocationInfo? AttributeLocation => LocationInfo.From(_syntax);

        public TypedConstant? Named(string name)
        {
            foreach (var argument in _data.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        public TypedConstant? Positional(int index) =>
            index < _data.ConstructorArguments.Length ? _data.ConstructorArguments[index] : null;

        /// <summary>A string named argument and where it is written; <see cref="NamedValue.None"/> when absent.</summary>
        public NamedValue NamedString(string name)
        {
            var value = Named(name);
            if (value is null)
            {
                return NamedValue.None;
            }

            return new NamedValue(value.Value.Kind == TypedConstantKind.Primitive ? value.Value.Value as string : null, LocationInfo.From(NamedExpression(name)));
        }

        /// <summary>A string positional argument and where it is written; <see cref="NamedValue.None"/> when absent.</summary>
        public NamedValue PositionalString(int index)
        {
            var value = Positional(index);
            if (value is null)
            {
                return NamedValue.None;
            }

            return new NamedValue(value.Value.Kind == TypedConstantKind.Primitive ? value.Value.Value as string : null, LocationInfo.From(PositionalExpression(index)));
        }

        /// <summary>The elements of a string-array named argument, each with its own location where the syntax shows it.</summary>
        public List<NamedValue> NamedStringArray(string name)
        {
            var result = new List<NamedValue>();
            var value = Named(name);
            if (value is null || value.Value.Kind != TypedConstantKind.Array || value.Value.IsNull)
            {
                return result;
            }

            var expression = NamedExpression(name);
            var elements = ArrayElements(expression);
            var values = value.Value.Values;
            for (var i = 0; i < values.Length; i++)
            {
                var element = values[i];
                var text = element.Kind == TypedConstantKind.Primitive ? element.Value as string : null;
                var location = elements is not null && elements.Count == values.Length ? elements[i] : expression;
                result.Add(new NamedValue(text, LocationInfo.From(location ?? (SyntaxNode?)_syntax)));
            }

            return result;
        }

        public ExpressionSyntax? NamedExpression(string name)
        {
            if (_syntax?.ArgumentList is null)
            {
                return null;
            }

            foreach (var argument in _syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.Expression;
                }
            }

            return null;
        }

        public ExpressionSyntax? PositionalExpression(int index)
        {
            if (_syntax?.ArgumentList is null)
            {
                return null;
            }

            var position = 0;
            foreach (var argument in _syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals is not null || argument.NameColon is not null)
                {
                    continue;
                }

                if (position++ == index)
                {
                    return argument.Expression;
                }
            }

            return null;
        }

        private static IReadOnlyList<SyntaxNode>? ArrayElements(ExpressionSyntax? expression)
        {
            switch (expression)
            {
                case CollectionExpressionSyntax collection:
                    var elements = new List<SyntaxNode>(collection.Elements.Count);
                    foreach (var element in collection.Elements)
                    {
                        elements.Add(element is ExpressionElementSyntax expressionElement ? expressionElement.Expression : element);
                    }

                    return elements;
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return initializer.Expressions;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions;
                default:
                    return null;
            }
        }
    }
}

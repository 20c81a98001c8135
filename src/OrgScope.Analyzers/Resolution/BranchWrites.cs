using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// The text of a string local or a StringBuilder after its writes, met in source order. A write on some paths only
    /// adds an alternative with and without it. Writes in different arms of one if / else if / else chain or one switch
    /// exclude each other: each arm starts from the text before the branch, so <c>case 1: sql += " ORDER BY a"; break;
    /// case 2: sql += " ORDER BY b"; break;</c> gives "... ORDER BY a" or "... ORDER BY b", never both (which would not
    /// parse), and a chain of three sorts after two optional filters stays 3 x 3 alternatives instead of 2^5.
    /// </summary>
    internal sealed class BranchWrites
    {
        private List<List<SqlSegment>>? _current;

        // The branch whose arms are being written (null when none), the arm, the text before the branch, the finished
        // arms' texts and the current arm's text.
        private IOperation? _branch;
        private IOperation? _arm;
        private List<List<SqlSegment>>? _before;
        private List<List<SqlSegment>>? _done;
        private List<List<SqlSegment>>? _armText;
        private readonly HashSet<IOperation> _armsWritten = new HashSet<IOperation>();

        public BranchWrites(List<List<SqlSegment>>? start) => _current = start;

        /// <summary>Applies one write (<paramref name="step"/>: the text before it → after it); false once the text is unknown.</summary>
        public bool Apply(IOperation write, bool conditional, Func<List<List<SqlSegment>>?, List<List<SqlSegment>>?> step)
        {
            var (branch, arm) = conditional ? ArmOf(write) : (null, null);
            if (branch is null)
            {
                Flush();
                var next = step(_current);
                _current = conditional ? SqlResolver.Union(_current, next) : next;
                return _current != null;
            }

            if (branch != _branch)
            {
                Flush();
                _branch = branch;
                _arm = arm;
                _before = _current;
                _done = new List<List<SqlSegment>>();
                _armText = step(_before);
                _armsWritten.Clear();
            }
            else if (arm == _arm)
            {
                _armText = step(_armText);
            }
            else
            {
                _done = SqlResolver.Union(_done, _armText);
                _arm = arm;
                _armText = step(_before);
            }

            _armsWritten.Add(arm!);
            return _armText != null && _done != null && _before != null;
        }

        /// <summary>The text at the use: every alternative, or null when it is not known.</summary>
        public List<List<SqlSegment>>? Result()
        {
            Flush();
            return _current;
        }

        private void Flush()
        {
            if (_branch is null)
            {
                return;
            }

            // An arm that writes nothing, or no arm taken at all, leaves the text as it was before the branch; when every
            // arm of a branch that always takes one (a final else, a default) writes, that text is gone.
            var arms = SqlResolver.Union(_done, _armText);
            _current = Exhaustive(_branch, _armsWritten) ? arms : SqlResolver.Union(arms, _before);
            _branch = null;
        }

        /// <summary>
        /// Whether some arm always runs (an else ends the chain; the switch has a default) and each arm holds a write,
        /// with no break, continue or goto in an arm that could skip it (a switch section's own closing break aside).
        /// </summary>
        private static bool Exhaustive(IOperation branch, HashSet<IOperation> written)
        {
            var arms = new List<IOperation>();
            if (branch is ISwitchOperation switchStatement)
            {
                if (!switchStatement.Cases.Any(c => c.Clauses.Any(clause => clause.CaseKind == CaseKind.Default)))
                {
                    return false;
                }

                foreach (var section in switchStatement.Cases)
                {
                    var body = section.Body;
                    var closing = body.Length > 0 && body[body.Length - 1] is IBranchOperation ? body.Length - 1 : body.Length;
                    if (body.Take(closing).Any(statement => statement is IBranchOperation || statement.Descendants().Any(o => o is IBranchOperation)))
                    {
                        return false;
                    }

                    arms.Add(section);
                }
            }
            else if (branch is IConditionalOperation conditional)
            {
                while (true)
                {
                    arms.Add(conditional.WhenTrue);
                    if (conditional.WhenFalse is IConditionalOperation next)
                    {
                        conditional = next;
                        continue;
                    }

                    if (conditional.WhenFalse is null)
                    {
                        return false;
                    }

                    arms.Add(conditional.WhenFalse);
                    break;
                }

                if (arms.Any(arm => arm is IBranchOperation || arm.Descendants().Any(o => o is IBranchOperation)))
                {
                    return false;
                }
            }

            return arms.Count > 0 && arms.All(written.Contains);
        }

        /// <summary>
        /// The branch (a switch, or the first if of an else-if chain) and the arm of it that holds <paramref name="write"/>,
        /// the nearest one; none inside a loop, try or function first (a write there may run several times or not at all).
        /// </summary>
        private static (IOperation? Branch, IOperation? Arm) ArmOf(IOperation write)
        {
            var child = write;
            for (var parent = write.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ISwitchCaseOperation section when section.Parent is ISwitchOperation switchStatement:
                        return (switchStatement, section);
                    case IConditionalOperation conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                        var first = conditional;
                        while (first.Parent is IConditionalOperation outer && outer.WhenFalse == first)
                        {
                            first = outer;
                        }

                        return (first, child);
                    case ILoopOperation _:
                    case ITryOperation _:
                    case ICatchClauseOperation _:
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        return (null, null);
                }
            }

            return (null, null);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// How one source resolves for a row, as SQL expressions over the row's alias:
    /// <see cref="Org"/> is the organization it yields (NULL when it yields none), <see cref="Why"/> the reason it
    /// yields none when that is a problem (NULL when it yields, or when it simply has no value), <see cref="Candidates"/>
    /// the organizations it suggests for the review report.
    /// </summary>
    internal sealed record SourceExpr(string Name, string Org, string Why, string Candidates);

    /// <summary>
    /// The joins and per-source expressions that resolve a table's rows at one alias. With <c>predict</c> (dry run), a
    /// referenced scoped row that is still NULL contributes the organization it would itself be given, so a dry run
    /// before anything is written counts what the real run will do; the real run reads the referenced column only,
    /// because tables run in dependency order.
    /// </summary>
    internal sealed class SourceResolution
    {
        private SourceResolution(List<string> joins, List<SourceExpr> sources)
        {
            Joins = joins;
            Sources = sources;
        }

        public List<string> Joins { get; }

        public List<SourceExpr> Sources { get; }

        public static SourceResolution Build(MigrationModel model, ScopedTableModel table, string alias, bool predict)
        {
            var joins = new List<string>();
            var sources = new List<SourceExpr>();
            var root = model.Root;
            for (var i = 0; i < table.Sources.Count; i++)
            {
                var source = table.Sources[i];
                var prefix = alias + "_s" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var local = SqlText.Col(alias, source.LocalColumn);
                switch (source.Kind)
                {
                    case SourceKind.OrgReference:
                        sources.Add(OrgReference(root, source, prefix, local, joins));
                        break;
                    case SourceKind.ScopedReference:
                        sources.Add(ScopedReference(model, source, prefix, local, predict, joins));
                        break;
                    default:
                        sources.Add(Membership(root, source, prefix, local));
                        break;
                }
            }

            return new SourceResolution(joins, sources);
        }

        // The column holds the org id itself; it must exist in the org table.
        private static SourceExpr OrgReference(OrgRootModel root, SourceModel source, string prefix, string local, List<string> joins)
        {
            var org = SqlText.Col(prefix, root.KeyColumn);
            joins.Add("LEFT JOIN " + SqlText.Id(root.Table) + " AS " + prefix + " ON " + org + " = " + local);
            var why = "CASE WHEN " + local + " IS NOT NULL AND " + org + " IS NULL THEN " + SqlText.Str(SqlText.OrphanReference) + " END";
            return new SourceExpr(source.Name, org, why, org);
        }

        // The referenced row's organization; the row and its organization must both exist.
        private static SourceExpr ScopedReference(MigrationModel model, SourceModel source, string prefix, string local, bool predict, List<string> joins)
        {
            var target = SqlText.Col(prefix, source.TargetKeyColumn);
            joins.Add("LEFT JOIN " + SqlText.Id(source.TargetTable) + " AS " + prefix + " ON " + target + " = " + local);

            var referencedOrg = SqlText.Col(prefix, source.TargetOrgColumn);
            var targetModel = model.Tables.FirstOrDefault(t => t.Table == source.TargetTable);
            if (predict && targetModel is not null)
            {
                var nested = Build(model, targetModel, prefix, predict: true);
                joins.AddRange(nested.Joins);
                referencedOrg = "COALESCE(" + referencedOrg + ", " + Decision.Org(nested.Sources, targetModel.OnConflict) + ")";
            }

            var orgAlias = prefix + "_o";
            var org = SqlText.Col(orgAlias, model.Root.KeyColumn);
            joins.Add("LEFT JOIN " + SqlText.Id(model.Root.Table) + " AS " + orgAlias + " ON " + org + " = " + referencedOrg);
            var why = "CASE WHEN " + local + " IS NULL THEN NULL" +
                      " WHEN " + target + " IS NULL THEN " + SqlText.Str(SqlText.OrphanReference) +
                      " WHEN " + referencedOrg + " IS NULL THEN " + SqlText.Str(SqlText.ReferencedRowUnresolved) +
                      " WHEN " + org + " IS NULL THEN " + SqlText.Str(SqlText.OrphanReference) + " END";
            return new SourceExpr(source.Name, org, why, org);
        }

        // The member's primary membership: exactly one, and its organization must exist. Correlated subqueries (not
        // joins) so that several memberships never multiply the batch's rows.
        private static SourceExpr Membership(OrgRootModel root, SourceModel source, string prefix, string local)
        {
            var m = prefix + "_m";
            var o = prefix + "_o";
            var primaries = " FROM " + SqlText.Id(source.TargetTable) + " AS " + m +
                            " LEFT JOIN " + SqlText.Id(root.Table) + " AS " + o + " ON " + SqlText.Col(o, root.KeyColumn) + " = " + SqlText.Col(m, source.TargetOrgColumn) +
                            " WHERE " + SqlText.Col(m, source.TargetKeyColumn) + " = " + local +
                            " AND " + SqlText.Col(m, source.PrimaryColumn ?? "is_primary") + " <> 0)";
            var org = "(SELECT CASE WHEN COUNT(*) = 1 THEN MIN(" + SqlText.Col(o, root.KeyColumn) + ") END" + primaries;
            var anyMembership = "EXISTS (SELECT 1 FROM " + SqlText.Id(source.TargetTable) + " AS " + m + "2 WHERE " +
                                SqlText.Col(m + "2", source.TargetKeyColumn) + " = " + local + ")";
            var why = "(SELECT CASE WHEN COUNT(*) > 1 THEN " + SqlText.Str(SqlText.SeveralPrimaryMemberships) +
                      " WHEN COUNT(*) = 1 AND MIN(" + SqlText.Col(o, root.KeyColumn) + ") IS NULL THEN " + SqlText.Str(SqlText.OrphanReference) +
                      " WHEN COUNT(*) = 0 AND " + anyMembership + " THEN " + SqlText.Str(SqlText.NoPrimaryMembership) + " END" + primaries;
            var candidates = "(SELECT GROUP_CONCAT(DISTINCT " + SqlText.Col(m + "3", source.TargetOrgColumn) + " ORDER BY " +
                             SqlText.Col(m + "3", source.TargetOrgColumn) + " SEPARATOR ',') FROM " + SqlText.Id(source.TargetTable) + " AS " + m + "3" +
                             " WHERE " + SqlText.Col(m + "3", source.TargetKeyColumn) + " = " + local + ")";
            return new SourceExpr(source.Name, org, why, candidates);
        }
    }
}

using System.Linq;
using OrgScope.Model;

namespace OrgScope.Plan.Rendering.Backfill
{
    /// <summary>
    /// The organization a row gets at INSERT time, for 004's BEFORE INSERT trigger: the backfill's own resolution
    /// (<see cref="SourceResolution"/> and <see cref="Decision"/>: the same sources, in the same order, under the same
    /// conflict policy) evaluated for the row being inserted (<c>NEW</c>) instead of for a batch. A row no source resolves
    /// keeps its NULL, for validate and the next backfill to report: never a guessed organization.
    /// </summary>
    internal static class InsertTriggerSql
    {
        private const string Row = "NEW";

        /// <summary>The trigger's single statement: <c>SET NEW.`col` = COALESCE(NEW.`col`, (resolution))</c>, or null without sources.</summary>
        public static string? SetStatement(MigrationModel model, ScopedTableModel table)
        {
            if (table.Sources.Count == 0)
            {
                return null;
            }

            var resolution = SourceResolution.Build(model, table, Row, predict: false);
            var organization = Decision.Org(resolution.Sources, table.OnConflict);
            // The joins hang off a one-row table. They follow primary keys, so they give that one row; were they ever to
            // give more, COUNT(*) = 1 yields NULL rather than picking one (and no "subquery returns more than 1 row").
            var lookup = "(SELECT CASE WHEN COUNT(*) = 1 THEN MIN(" + organization + ") END FROM (SELECT 1 AS one) AS orgscope_row"
                         + string.Concat(resolution.Joins.Select(j => " " + j)) + ")";
            var column = SqlText.Col(Row, table.Column);
            return "SET " + column + " = COALESCE(" + column + ", " + lookup + ")";
        }
    }
}

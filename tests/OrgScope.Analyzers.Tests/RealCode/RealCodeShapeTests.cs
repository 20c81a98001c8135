using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.RealCode;

/// <summary>
/// Shapes met on public repositories (docs/analyzer.md, "On real code"), written small and by us: a data layer whose
/// tables carry the site under two column names, MySql.Data helpers with <c>?name</c> parameters built line by line in a
/// StringBuilder, lookup joins, raw-string repositories with MySqlCommand, a correlated count per tenant, and the
/// per-row statements that are the leaks the analyzer is for. Each configured the way the repository was, through
/// .editorconfig, with no [OrgScoped] entities.
/// </summary>
public class RealCodeShapeTests
{
    // A CMS whose tables are scoped by SiteID on some tables and SiteGuid on others.
    private const string SiteTables = "orgscope.scoped_tables = mp_users:SiteID, mp_pages:SiteID, mp_tag:SiteGuid, mp_comments:SiteGuid\n";

    // A SaaS whose tables carry TenantId.
    private const string TenantTables = "orgscope.scoped_tables = Turnos:TenantId, Usuarios:TenantId, Manicuristas:TenantId, DiasBloqueados:TenantId\n";

    [Fact]
    public async Task Site_data_layer_pins_by_each_tables_own_column()
    {
        var source = """
            using System.Text;
            using MySql.Data.MySqlClient;

            public static class DBTag
            {
                public static int Count(string cs, string siteGuid)
                {
                    var sql = new StringBuilder();
                    sql.Append("SELECT Count(*) ");
                    sql.Append("FROM mp_Tag ");
                    sql.Append("WHERE SiteGuid = ?SiteGuid ;");
                    return (int)MySqlHelper.ExecuteScalar(cs, sql.ToString(), new MySqlParameter("?SiteGuid", siteGuid));
                }

                public static int Pages(string cs, int siteId)
                {
                    const string sql = "SELECT COUNT(*) FROM mp_Pages p WHERE p.SiteID = ?SiteID AND p.IsPending = 0;";
                    return (int)MySqlHelper.ExecuteScalar(cs, sql.ToString(), new MySqlParameter("?SiteID", siteId));
                }
            }
            """;
        await VerifyAsync(source, SiteTables);
    }

    [Fact]
    public async Task Site_data_layer_row_addressed_by_its_key_alone_is_reported()
    {
        var source = """
            using System.Text;
            using MySql.Data.MySqlClient;

            public static class DBSiteUser
            {
                public static int UpdateLastLogin(string cs, string userGuid)
                {
                    var sql = new StringBuilder();
                    sql.Append("UPDATE {|#0:mp_Users|} ");
                    sql.Append("SET FailedPasswordAttemptCount = 0 ");
                    sql.Append("WHERE UserGuid = ?UserGuid ;");
                    return MySqlHelper.ExecuteNonQuery(cs, sql.ToString(), new MySqlParameter("?UserGuid", userGuid));
                }

                public static int DeleteTag(string cs, string guid)
                {
                    const string sql = "DELETE FROM {|#1:mp_Tag|} WHERE Guid = ?Guid;";
                    return MySqlHelper.ExecuteNonQuery(cs, sql, new MySqlParameter("?Guid", guid));
                }
            }
            """;
        await VerifyAsync(source, SiteTables, Diagnostic("ORG001").WithLocation(0), Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Site_column_of_the_other_kind_does_not_pin()
    {
        // mp_Users is configured by SiteID; a filter on its SiteGuid column is not recognised (one column per table).
        var source = """
            using MySql.Data.MySqlClient;

            public static class DBLetter
            {
                public static MySqlDataReader NotSubscribed(string cs, string siteGuid) =>
                    MySqlHelper.ExecuteReader(cs, "SELECT u.UserGuid FROM {|#0:mp_Users|} u WHERE u.SiteGuid = ?SiteGuid", new MySqlParameter("?SiteGuid", siteGuid));
            }
            """;
        await VerifyAsync(source, SiteTables, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Lookup_join_from_a_pinned_row_is_reported_for_the_joined_table()
    {
        var source = """
            using System.Text;
            using MySql.Data.MySqlClient;

            public static class DBComment
            {
                public static MySqlDataReader BySite(string cs, string siteGuid)
                {
                    var sql = new StringBuilder();
                    sql.Append("SELECT c.*, u.Name ");
                    sql.Append("FROM mp_Comments c ");
                    sql.Append("LEFT OUTER JOIN {|#0:mp_Users|} u ");
                    sql.Append("ON c.UserGuid = u.UserGuid ");
                    sql.Append("WHERE c.SiteGuid = ?SiteGuid ;");
                    return MySqlHelper.ExecuteReader(cs, sql.ToString(), new MySqlParameter("?SiteGuid", siteGuid));
                }
            }
            """;
        await VerifyAsync(source, SiteTables, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Tenant_repository_with_raw_strings_and_MySqlCommand()
    {
        var source = """"
            using System;
            using MySql.Data.MySqlClient;

            public class TurnoRepository
            {
                public int Update(MySqlConnection connection, Guid id, Guid tenantId)
                {
                    var sql =
                    """
                    UPDATE Turnos
                    SET Estado = @Estado, Version = Version + 1
                    WHERE Id = @Id AND TenantId = @TenantId
                    """;
                    using var command = new MySqlCommand(sql, connection);
                    return command.ExecuteNonQuery();
                }

                public int Unblock(MySqlConnection connection, Guid id)
                {
                    var sql = "DELETE FROM {|#0:DiasBloqueados|} WHERE Id = @Id";
                    using var command = new MySqlCommand(sql, connection);
                    return command.ExecuteNonQuery();
                }
            }
            """";
        await VerifyAsync(source, TenantTables, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Per_tenant_count_correlated_to_an_unpinned_outer_row_is_reported_on_both()
    {
        var source = """"
            using MySql.Data.MySqlClient;

            public class SuperAdminRepository
            {
                public MySqlDataReader All(MySqlConnection connection)
                {
                    var sql =
                    """
                    SELECT m.Id,
                        (SELECT COUNT(*) FROM {|#0:Turnos|} t WHERE t.TenantId = m.TenantId) AS Turnos
                    FROM {|#1:Manicuristas|} m
                    ORDER BY m.Nombre
                    """;
                    return new MySqlCommand(sql, connection).ExecuteReader();
                }

                public MySqlDataReader One(MySqlConnection connection)
                {
                    var sql =
                    """
                    SELECT m.Id,
                        (SELECT COUNT(*) FROM Turnos t WHERE t.TenantId = m.TenantId) AS Turnos
                    FROM Manicuristas m
                    WHERE m.TenantId = @TenantId
                    """;
                    return new MySqlCommand(sql, connection).ExecuteReader();
                }
            }
            """";
        await VerifyAsync(source, TenantTables, Diagnostic("ORG001").WithLocation(0), Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Login_by_email_before_the_tenant_is_known_is_reported()
    {
        // Cross-tenant by design (the tenant is not known yet): a reviewed exception, which the analyzer must still show.
        var source = """"
            using MySql.Data.MySqlClient;

            public class UsuarioRepository
            {
                public MySqlDataReader ByEmail(MySqlConnection connection)
                {
                    var sql =
                    """
                    SELECT Id, TenantId, PasswordHash
                    FROM {|#0:Usuarios|}
                    WHERE Email = @Email
                    LIMIT 1
                    """;
                    return new MySqlCommand(sql, connection).ExecuteReader();
                }
            }
            """";
        await VerifyAsync(source, TenantTables, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Trusted_lookup_join_accepts_the_primary_key_but_not_a_unique_alternate_key()
    {
        // mojoPortal joins tags by their primary key and users by UserGuid, a unique key beside the primary key UserID.
        var config = "orgscope.scoped_tables = mp_users(UserID):SiteID, mp_tag(Guid), mp_tagitem(TagItemGuid), mp_comments(Guid)\n"
            + "orgscope.organization_column = SiteGuid\norgscope.trust_lookup_joins = true\n";
        var source = """
            using MySql.Data.MySqlClient;

            public static class Lookups
            {
                public static MySqlDataReader Tags(string cs, string siteGuid) => MySqlHelper.ExecuteReader(cs,
                    "SELECT ti.*, t.Tag FROM mp_TagItem ti INNER JOIN mp_Tag t ON ti.TagGuid = t.Guid WHERE ti.SiteGuid = ?SiteGuid",
                    new MySqlParameter("?SiteGuid", siteGuid));

                public static MySqlDataReader Comments(string cs, string siteGuid) => MySqlHelper.ExecuteReader(cs,
                    "SELECT c.*, u.Name FROM mp_Comments c LEFT OUTER JOIN {|#0:mp_Users|} u ON c.UserGuid = u.UserGuid WHERE c.SiteGuid = ?SiteGuid",
                    new MySqlParameter("?SiteGuid", siteGuid));
            }
            """;
        await VerifyAsync(source, config, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Site_tables_named_by_both_columns_are_pinned_by_either()
    {
        // mojoPortal @ecbbf11 configured as `mp_users:SiteID|SiteGuid` (its rows carry both): DBLetterSubscription filters
        // users by SiteGuid, dbModule modules by SiteID; DBUserLocation.GetUsersByIPAddress lets an empty guid mean
        // "every site", a bypass (ORG003), and never pins the location rows it joins from (ORG001).
        var config = "orgscope.scoped_tables = mp_users:SiteID|SiteGuid, mp_modules:SiteGuid|SiteID, mp_userlocation\n"
            + "orgscope.organization_column = SiteGuid\n";
        var source = """
            using MySql.Data.MySqlClient;

            public static class Sites
            {
                public static MySqlDataReader NotSubscribed(string cs, string siteGuid) =>
                    MySqlHelper.ExecuteReader(cs, "SELECT u.UserGuid FROM mp_Users u WHERE u.SiteGuid = ?SiteGuid", new MySqlParameter("?SiteGuid", siteGuid));

                public static MySqlDataReader Modules(string cs, int siteId) =>
                    MySqlHelper.ExecuteReader(cs, "SELECT m.* FROM mp_Modules m WHERE m.SiteID = ?SiteID", new MySqlParameter("?SiteID", siteId));

                public static MySqlDataReader UsersByIPAddress(string cs, string siteGuid, string ip) =>
                    MySqlHelper.ExecuteReader(cs,
                        "SELECT u.* FROM {|#0:mp_UserLocation|} ul JOIN {|#1:mp_Users|} u ON ul.UserGuid = u.UserGuid "
                        + "WHERE (u.SiteGuid = ?SiteGuid OR ?SiteGuid = '00000000-0000-0000-0000-000000000000') AND ul.IPAddress = ?IPAddress",
                        new MySqlParameter("?SiteGuid", siteGuid), new MySqlParameter("?IPAddress", ip));
            }
            """;
        // ORG003 names the column the weak filter is on (SiteGuid), not the table's first organization column (SiteID).
        await VerifyAsync(
            source,
            config,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG003").WithLocation(1).WithArguments("u", "SiteGuid", "it sits under an OR"));
    }

    [Fact]
    public async Task Format_held_in_a_local_and_rewritten_for_MySQL_is_checked_with_the_table_prefix()
    {
        // BlogEngine.NET @95c8426, DbBlogProvider's custom fields: the format is a local that an `if` rewrites for MySQL,
        // then string.Format(sqlQuery, tablePrefix, parmPrefix) with both prefixes read from configuration. Each text
        // is checked (at the argument: the format's pieces are not one literal); before, the site was not checked at all.
        var config = "orgscope.scoped_tables = be_CustomFields:BlogId\norgscope.table_prefixes = be_\n";
        var source = """
            using System.Data.Common;

            public class Provider
            {
                private readonly string tablePrefix;
                private readonly string parmPrefix;

                public Provider(string table, string parm)
                {
                    tablePrefix = table;
                    parmPrefix = parm;
                }

                public int Delete(DbConnection conn, bool mySql)
                {
                    var sqlQuery = "delete from {0}CustomFields where CustomType = {1}customtype and ObjectId = {1}objectid";
                    if (mySql)
                    {
                        sqlQuery = "delete from {0}CustomFields where CustomType = {1}customtype and ObjectId = {1}objectid and `Key` = {1}key";
                    }

                    using var cmd = conn.CreateCommand();
                    cmd.CommandText = {|#0:string.Format(sqlQuery, tablePrefix, parmPrefix)|};
                    return cmd.ExecuteNonQuery();
                }

                public int Clear(DbConnection conn, bool mySql)
                {
                    var sqlQuery = "delete from {0}CustomFields where BlogId = {1}blogid and CustomType = {1}customtype";
                    if (mySql)
                    {
                        sqlQuery = "delete from {0}CustomFields where BlogId = {1}blogid and `Key` = {1}key";
                    }

                    using var cmd = conn.CreateCommand();
                    cmd.CommandText = string.Format(sqlQuery, tablePrefix, parmPrefix);
                    return cmd.ExecuteNonQuery();
                }

                public object Get(DbConnection conn)
                {
                    // The current blog's id formatted in between quotes: a value, not a literal (no ORG003).
                    var q = "SELECT CustomType, ObjectId FROM {0}CustomFields where BlogId = '{1}'";
                    using var cmd = conn.CreateCommand();
                    cmd.CommandText = string.Format(q, tablePrefix, CurrentBlog.Id.ToString());
                    return cmd.ExecuteScalar();
                }

                public object Shared(DbConnection conn)
                {
                    using var cmd = conn.CreateCommand();
                    cmd.CommandText = {|#1:string.Format("SELECT ObjectId FROM {0}CustomFields where BlogId = '00000000-0000-0000-0000-000000000000'", tablePrefix)|};
                    return cmd.ExecuteScalar();
                }
            }

            public static class CurrentBlog
            {
                public static System.Guid Id { get; set; }
            }
            """;
        await VerifyAsync(source, config, enableOrg005: true, Diagnostic("ORG001").WithLocation(0), Diagnostic("ORG003").WithLocation(1));
    }

    [Fact]
    public async Task Switch_cases_and_else_if_arms_write_one_text_each()
    {
        // mojoPortal @ecbbf11: dbSiteUser's member list appends a filter per switch case, then a sort per case;
        // DBTag.GetCount starts from string.Empty and a switch picks the statement; dbModule picks a sort with
        // if / else if / else and a LIMIT with if / else in a StringBuilder. Arms exclude each other: before, each
        // case's append was also combined with the others' ("ORDER BY a ORDER BY b": not parsed), and the combinations
        // passed 16, so all three were unchecked (ORG005). A chain that ends in an else (a switch with a default) always
        // writes, so "no arm taken" is not an alternative: Sorted has 2 x 3 x 2 texts, not 2 x 4 x 3 (over 16).
        var source = """
            using System.Text;
            using MySql.Data.MySqlClient;

            public static class Members
            {
                public static MySqlDataReader Page(string cs, string nameFilterMode, int sortMode)
                {
                    string commandText;
                    commandText = "SELECT * FROM mp_Users u WHERE u.SiteID = ?SiteID AND u.IsDeleted = 0";
                    switch (nameFilterMode)
                    {
                        case "display":
                        default:
                            commandText += " AND Lower(Name) LIKE LOWER(?BeginsWith)";
                            break;
                        case "lastname":
                            commandText += " AND Lower(LastName) LIKE LOWER(?BeginsWith)";
                            break;
                    }

                    switch (sortMode)
                    {
                        case 1:
                            commandText += " ORDER BY u.DateCreated DESC";
                            break;
                        case 2:
                            commandText += " ORDER BY u.LastName, u.FirstName, u.Name";
                            break;
                        case 0:
                        default:
                            commandText += " ORDER BY u.Name";
                            break;
                    }

                    commandText += " LIMIT ?Offset,?PageSize;";
                    return MySqlHelper.ExecuteReader(cs, commandText);
                }

                public static object Count(string cs, string type)
                {
                    var sqlCommand = string.Empty;
                    switch (type)
                    {
                        case "module":
                            sqlCommand = "SELECT Count(*) FROM {|#0:mp_Tag|} WHERE ModuleGuid = ?Guid;";
                            break;
                        case "site":
                        default:
                            sqlCommand = "SELECT Count(*) FROM mp_Tag WHERE SiteGuid = ?Guid;";
                            break;
                    }

                    return MySqlHelper.ExecuteScalar(cs, sqlCommand);
                }

                public static MySqlDataReader Sorted(string cs, string title, bool byName, bool byEmail, int pageNumber)
                {
                    var sql = new StringBuilder();
                    sql.Append("SELECT u.* FROM mp_Users u WHERE u.SiteID = ?SiteID ");
                    if (title.Length > 0)
                    {
                        sql.Append("AND (u.Name LIKE CONCAT('%',?Title,'%')) ");
                    }

                    if (byName)
                    {
                        sql.Append("ORDER BY u.Name ");
                    }
                    else if (byEmail)
                    {
                        sql.Append("ORDER BY u.Email ");
                    }
                    else
                    {
                        sql.Append("ORDER BY u.UserID ");
                    }

                    if (pageNumber > 1)
                    {
                        sql.Append("LIMIT ?Offset, ?PageSize ");
                    }
                    else
                    {
                        sql.Append("LIMIT ?PageSize ");
                    }

                    sql.Append(";");
                    return MySqlHelper.ExecuteReader(cs, sql.ToString());
                }
            }
            """;
        await VerifyAsync(source, SiteTables, enableOrg005: true, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_case_that_can_break_before_its_write_keeps_the_text_before_the_switch()
    {
        // The default makes the switch take an arm, but case 1 may leave it before writing: "SELECT * FROM mp_Tag" alone
        // still reaches the sink and is reported.
        var source = """
            using MySql.Data.MySqlClient;

            public static class Tags
            {
                public static object Count(string cs, int mode, bool all)
                {
                    var sql = "SELECT Count(*) FROM {|#0:mp_Tag|}";
                    switch (mode)
                    {
                        case 1:
                            if (all)
                            {
                                break;
                            }

                            sql += " WHERE SiteGuid = ?SiteGuid";
                            break;
                        default:
                            sql += " WHERE SiteGuid = ?SiteGuid AND ModuleGuid = ?ModuleGuid";
                            break;
                    }

                    return MySqlHelper.ExecuteScalar(cs, sql);
                }
            }
            """;
        await VerifyAsync(source, SiteTables, enableOrg005: true, Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_column_list_joined_from_a_field_map_after_a_qualifier_is_a_value()
    {
        // OpenSimulator's estate store: "select estate_settings." + String.Join(",estate_settings.", FieldList) + " from ...".
        // The columns come from a map C# builds at run time; the statement around them is still checked.
        var source = """
            using System;
            using System.Collections.Generic;
            using MySql.Data.MySqlClient;

            public class EstateStore
            {
                private readonly Dictionary<string, string> m_FieldMap = new Dictionary<string, string>();

                private string[] FieldList => new List<string>(m_FieldMap.Keys).ToArray();

                public void Load(string regionId, int estateId)
                {
                    string pinned = "select estate_settings." + String.Join(",estate_settings.", FieldList) +
                        " from estate_map left join estate_settings on estate_map.EstateID = estate_settings.EstateID where estate_map.RegionID = ?RegionID";
                    using (var cmd = new MySqlCommand())
                    {
                        cmd.CommandText = pinned;
                    }

                    string open = "select m." + String.Join(",m.", FieldList) + " from {|#0:estate_map|} m where m.EstateID = ?EstateID";
                    using (var cmd = new MySqlCommand())
                    {
                        cmd.CommandText = open;
                    }
                }
            }
            """;
        await VerifyAsync(source, "orgscope.scoped_tables = estate_map(RegionID):RegionID\n", enableOrg005: true, Diagnostic("ORG001").WithLocation(0));
    }
}

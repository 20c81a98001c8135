namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>Source templates: the sample's entities (so scoped tables come from [OrgScoped]) and a repository around one query.</summary>
internal static class TestSources
{
    /// <summary>tasks, users, rewards, user_rewards, achievements are scoped; organizations and user_organizations are not.</summary>
    public const string Entities = """

        namespace Sample.Entities
        {
            [OrgScope.OrgScoped, System.ComponentModel.DataAnnotations.Schema.Table("tasks")] public class TaskItem { }
            [OrgScope.OrgScoped] public class User { }
            [OrgScope.OrgScoped] public class Reward { }
            [OrgScope.OrgScoped] public class UserReward { }
            [OrgScope.OrgScoped(Table = "achievements")] public class AchievementEntity { }
            public class Organization { }
            public class UserOrganization { }
        }
        """;

    /// <summary>A Dapper call with <paramref name="sql"/> as a verbatim literal (SQL must not contain double quotes).</summary>
    public static string DapperQuery(string sql) => """
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
            public object Run(MySqlConnection connection, long org, long id)
            {
                return connection.Query<int>(@"
        """ + sql + """
        ", new { org, id });
            }
        }
        """ + Entities;

    /// <summary>A method body inside a repository with the usual usings; <paramref name="body"/> is C#.</summary>
    public static string Method(string body, string attributes = "") => """
        using System.Text;
        using Dapper;
        using MySqlConnector;
        using OrgScope;

        public class Repository
        {
        """ + attributes + """

            public object Run(MySqlConnection connection, long org, long id, string title, bool flag)
            {
        """ + "\n" + body + """

            }
        }
        """ + Entities;
}

namespace OrgScope.Generators.Building
{
    /// <summary>
    /// Which table and column names OrgScope will put into SQL. Deliberately narrower than MySQL (ASCII letters, digits,
    /// _ and $; 1 to 64 characters; not digits only): such names need no quoting care and mean the same on every server.
    /// </summary>
    internal static class MySqlIdentifier
    {
        public const int MaxLength = 64;

        /// <summary>Why the name is not accepted, or null when it is.</summary>
        public static string? Problem(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return "it is empty";
            }

            if (name!.Length > MaxLength)
            {
                return $"it is {name.Length} characters long; MySQL allows at most {MaxLength}";
            }

            if (name[name.Length - 1] == ' ')
            {
                return "it ends with a space";
            }

            var allDigits = true;
            foreach (var c in name)
            {
                if (c == '`')
                {
                    return "it contains a backtick";
                }

                if (c == '\0')
                {
                    return "it contains a NUL character";
                }

                var isDigit = c >= '0' && c <= '9';
                allDigits &= isDigit;
                if (!isDigit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '_' && c != '$')
                {
                    return $"it contains '{c}'; OrgScope accepts ASCII letters, digits, _ and $ only";
                }
            }

            return allDigits ? "it consists of digits only" : null;
        }
    }
}

return await OrgScope.Runtime.CommandLine.OrgScopeCommandLine.RunAsync(args);

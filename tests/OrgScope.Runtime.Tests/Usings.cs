global using Xunit;
global using OrgScope.Runtime.CommandLine;

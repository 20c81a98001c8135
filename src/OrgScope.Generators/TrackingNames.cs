namespace OrgScope.Generators
{
    /// <summary>Names of the pipeline steps, so tests can assert how each one ran after an edit.</summary>
    internal static class TrackingNames
    {
        public const string ScopedEntities = nameof(ScopedEntities);
        public const string RootEntities = nameof(RootEntities);
        public const string MembershipEntities = nameof(MembershipEntities);
        public const string Entities = nameof(Entities);
        public const string Model = nameof(Model);
        public const string ModelDiagnostics = nameof(ModelDiagnostics);
        public const string ValidModel = nameof(ValidModel);
        public const string ScopedTables = nameof(ScopedTables);
        public const string ScriptOptions = nameof(ScriptOptions);
        public const string Plan = nameof(Plan);
    }
}

using System.Text.RegularExpressions;
using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Permissions;
using CloudAuditor.Core.Remediation;
using CloudAuditor.UnitTests.Support;
using YamlDotNet.RepresentationModel;

namespace CloudAuditor.UnitTests.Deployment;

/// <summary>
/// Least privilege kept true as code changes: the deployment's policies and roles grant exactly the permissions the
/// readers and remediators declare next to their calls (read-only: every read and no write; remediation: the changes).
/// </summary>
public class DeclaredPermissionsTests
{
    private static readonly IReadOnlyList<(Type Declarer, IReadOnlyList<Permission> Permissions)> Aws =
        PermissionCatalog.Of(typeof(AwsInventoryFactory).Assembly);
    private static readonly IReadOnlyList<(Type Declarer, IReadOnlyList<Permission> Permissions)> Azure =
        PermissionCatalog.Of(typeof(AzureInventoryFactory).Assembly);

    private static bool IsRemediator(Type type) => typeof(IRemediator).IsAssignableFrom(type);

    private static SortedSet<string> Actions(IEnumerable<(Type Declarer, IReadOnlyList<Permission> Permissions)> declared, Func<Type, Permission,
        bool> where) =>
        new(declared.SelectMany(d => d.Permissions.Where(p => where(d.Declarer, p)).Select(p => p.Action)), StringComparer.Ordinal);

    private static YamlMappingNode AwsResources()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoRoot.Path, "infra", "aws", "cloudauditor.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["Resources"];
    }

    private static SortedSet<string> PolicyActions(string policy, string effect) => new(
        ((YamlSequenceNode)AwsResources()[policy]["Properties"]["PolicyDocument"]["Statement"]).Cast<YamlMappingNode>()
            .Where(s => s["Effect"].ToString() == effect)
            .SelectMany(s => s["Action"] is YamlSequenceNode list ? list.Select(a => a.ToString()) : [s["Action"].ToString()]),
        StringComparer.Ordinal);

    [Fact]
    public void Readers_declare_only_reads_and_remediators_declare_what_they_change()
    {
        foreach (var (declarer, permissions) in Aws.Concat(Azure))
        {
            if (!IsRemediator(declarer)) Assert.All(permissions, p => Assert.Equal(PermissionEffect.Reads, p.Effect));
            else Assert.Contains(permissions, p => p.Effect == PermissionEffect.Changes);
        }
    }

    [Fact]
    public void The_aws_read_only_policy_grants_exactly_every_declared_read() =>
        Assert.Equal(Actions(Aws, (_, p) => p.Effect == PermissionEffect.Reads), PolicyActions("ReadOnlyPolicy", "Allow"));

    [Fact]
    public void The_aws_remediation_policy_allows_exactly_the_declared_changes() =>
        Assert.Equal(Actions(Aws, (_, p) => p.Effect == PermissionEffect.Changes), PolicyActions("RemediationPolicy", "Allow"));

    private static string Bicep => File.ReadAllText(Path.Combine(RepoRoot.Path, "bicep", "subscription.bicep"));

    /// <summary>One list (actions, dataActions) of one custom role resource in the bicep file.</summary>
    private static SortedSet<string> RoleList(string resource, string name)
    {
        var role = Regex.Match(Bicep, $@"\nresource {resource} .*?(?=\nresource |\z)", RegexOptions.Singleline).Value;
        var block = Regex.Match(role, $@"\b{name}: \[(.*?)\]", RegexOptions.Singleline).Groups[1].Value;
        return new(Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value), StringComparer.Ordinal);
    }

    [Fact]
    public void The_azure_read_roles_are_reader_and_blob_data_reader_and_cover_every_declared_read()
    {
        const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7", BlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
        var readerRoles = Regex.Match(Bicep, @"var readerRoles = \{(.*?)\}", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal([BlobDataReader, Reader], Regex.Matches(readerRoles, "'([0-9a-f-]{36})'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        // Reader grants */read (actions); Storage Blob Data Reader adds List Containers and the blob read data action.
        string[] blobDataReader = ["Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"];
        var reads = Actions(Azure, (declarer, p) => !IsRemediator(declarer) && p.Action.StartsWith("Microsoft.", StringComparison.Ordinal));
        // The one read action no built-in reader role grants comes from the custom ACL reader role, which grants nothing else.
        var aclReader = RoleList("aclReaderRole", "actions");
        Assert.Equal(["Microsoft.Storage/storageAccounts/blobServices/containers/getAcl/action"], aclReader);
        Assert.All(reads, action => Assert.True(!Permission.Reads(action).IsAzureDataAction && action.EndsWith("/read", StringComparison.Ordinal)
            || blobDataReader.Contains(action) || aclReader.Contains(action), action));
    }

    [Fact]
    public void The_azure_remediation_role_grants_exactly_what_the_remediators_declare()
    {
        var declared = Azure.Where(d => IsRemediator(d.Declarer)).SelectMany(d => d.Permissions).ToList();
        Assert.Equal(new SortedSet<string>(declared.Where(p => !p.IsAzureDataAction).Select(p => p.Action), StringComparer.Ordinal),
            RoleList("remediatorRole", "actions"));
        Assert.Equal(new SortedSet<string>(declared.Where(p => p.IsAzureDataAction).Select(p => p.Action), StringComparer.Ordinal),
            RoleList("remediatorRole", "dataActions"));
    }
}

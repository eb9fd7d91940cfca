using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Which role holders are guest users: POST /v1.0/directoryObjects/getByIds (up to 1000 ids a call). Needs the
/// identity to hold User.Read.All (or Directory.Read.All); without it, guests are unknown rather than assumed absent.
/// </summary>
public sealed class GraphDirectory(HttpPipeline graph) : IRequiresPermissions
{
    /// <summary>A Microsoft Graph application permission, granted outside ARM (bicep cannot).</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("User.Read.All"),
    ];

    private const int BatchSize = 1000;

    private static readonly string[] UserType = ["user"];

    /// <returns>The guest user ids among <paramref name="userIds"/>, or why Graph could not tell.</returns>
    public async Task<Observed<IReadOnlySet<string>>> GuestsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var guests = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in userIds.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(BatchSize))
        {
            using var message = graph.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(new Uri($"{AzureClientFactory.GraphEndpoint}/v1.0/directoryObjects/getByIds?$select=id,userType"));
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new { ids = batch, types = UserType }));
            try
            {
                await graph.SendAsync(message, cancellationToken);
            }
            catch (Azure.RequestFailedException e)
            {
                return Observed<IReadOnlySet<string>>.Failed(AzureFaults.Of("Microsoft Graph getByIds", e));
            }
            if (message.Response.IsError)
                return Observed<IReadOnlySet<string>>.Failed(HttpFaults.Of(message.Response.Status, ArmAccountReader.ErrorCode(message.Response),
                    "Microsoft Graph getByIds (needs User.Read.All)"));
            using var body = JsonDocument.Parse(message.Response.Content.ToMemory());
            foreach (var user in body.RootElement.GetProperty("value").EnumerateArray())
            {
                if (user.TryGetProperty("userType", out var type) && type.GetString() == "Guest") guests.Add(user.GetProperty("id").GetString()!);
            }
        }
        return Observed<IReadOnlySet<string>>.Of(guests);
    }
}

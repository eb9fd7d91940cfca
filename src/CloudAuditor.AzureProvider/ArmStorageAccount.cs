using CloudAuditor.Core.Model;

namespace CloudAuditor.AzureProvider;

public sealed record ArmStorageAccount(string ResourceId, AzureAccountSettings Settings, string? BlobEndpoint);
